"""The pages a branch and the committee use: the pipeline with its overdue items, the overview,
receiving an application and recording a step through the forms."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.utils import timezone

from dangjian.admission import services
from dangjian.admission.models import Case, Stage, Step, StepKind
from dangjian.core.models import AuditEntry

from .helpers import AdmissionTestCase, adult_id


class PageTests(AdmissionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.today = timezone.localdate()
        self.late = services.case_open(
            org=self.w.branch_a1, name="孙悦", id_number=adult_id(1), applied_on=self.today - dt.timedelta(days=40)
        )
        self.fresh = services.case_open(
            org=self.w.branch_a1, name="李想", id_number=adult_id(2), applied_on=self.today - dt.timedelta(days=3)
        )
        self.in_b = services.case_open(
            org=self.w.branch_b1, name="王乙", id_number=adult_id(3), applied_on=self.today - dt.timedelta(days=40)
        )

    def test_a_branch_sees_its_applicants_with_the_overdue_talk(self):
        self.login_as(self.w.admin_a)
        page = self.client.get("/admission/branches/A01/").content.decode()
        self.assertIn("孙悦", page)
        self.assertIn("李想", page)
        self.assertNotIn("王乙", page)
        self.assertEqual(page.count('data-due="overdue"'), 1)
        self.assertIn("已逾期：派人谈话", page)

    def test_another_subtrees_branch_is_a_recorded_404(self):
        self.login_as(self.w.admin_b)
        before = AuditEntry.objects.filter(event="denied").count()
        self.assertEqual(self.client.get("/admission/branches/A01/").status_code, 404)
        self.assertEqual(self.client.get(f"/admission/cases/{self.late.pk}/").status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 2)

    def test_the_committee_sees_every_branch_with_its_counts_and_overdue(self):
        self.login_as(self.w.staff)
        response = self.client.get("/admission/")
        lines = {line.org.code: line for line in response.context["lines"]}
        self.assertEqual(lines["A01"].counts, {Stage.APPLICANT: 2})
        self.assertEqual((lines["A01"].overdue, lines["B01"].overdue, lines["A02"].open_total), (1, 1, 0))
        self.assertEqual(response.context["overdue_total"], 2)
        quarters = {key: total for key, _, _, total in response.context["quarters"]}
        self.assertEqual(quarters["applicants"], Case.objects.filter(applied_on__year=self.today.year).count())

    def test_the_overview_of_one_branch_is_its_pipeline(self):
        self.login_as(self.w.staff)
        self.assertRedirects(self.client.get("/admission/?org=A01"), "/admission/branches/A01/")

    def test_an_administrator_sees_only_the_branches_of_their_subtree(self):
        self.login_as(self.w.admin_b)
        lines = self.client.get("/admission/").context["lines"]
        self.assertEqual([line.org.code for line in lines], ["B01"])

    def test_an_application_is_received_through_the_form(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/admission/cases/new/",
            {"org": self.w.branch_a2.pk, "name": "赵甲", "id_number": adult_id(4), "ethnicity": "蒙古族",
             "applied_on": self.today.isoformat()},
        )  # fmt: skip
        case = Case.objects.get(name="赵甲")
        self.assertRedirects(response, f"/admission/cases/{case.pk}/")
        self.assertEqual((case.org, case.ethnicity), (self.w.branch_a2, "蒙古族"))

    def test_an_under_age_applicant_is_refused_on_the_form_and_nothing_saved(self):
        self.login_as(self.w.admin_a)
        young = adult_id(5, born=self.today.replace(year=self.today.year - 17) - dt.timedelta(days=1))
        response = self.client.post(
            "/admission/cases/new/",
            {"org": self.w.branch_a1.pk, "name": "小明", "id_number": young, "ethnicity": "汉族",
             "applied_on": self.today.isoformat()},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertIn("须年满18周岁", response.content.decode())
        self.assertFalse(Case.objects.filter(name="小明").exists())

    def test_a_step_is_recorded_through_the_form_and_a_refused_one_is_explained(self):
        self.login_as(self.w.admin_a)
        url = f"/admission/cases/{self.late.pk}/steps/{StepKind.ACTIVIST}/"
        response = self.client.post(
            url, {"done_on": self.today.isoformat(), "people": [self.full[0].pk, self.full[1].pk]}
        )
        self.assertIn("须先完成“派人谈话”", response.content.decode())
        self.assertEqual(Step.objects.filter(case=self.late).count(), 0)
        url = f"/admission/cases/{self.late.pk}/steps/{StepKind.TALK}/"
        response = self.client.post(url, {"done_on": self.today.isoformat(), "note": "谈话了解入党动机"})
        self.assertRedirects(response, f"/admission/cases/{self.late.pk}/")
        detail = self.client.get(f"/admission/cases/{self.late.pk}/").content.decode()
        self.assertIn("确定为入党积极分子", detail)  # the next step offered

    def test_a_future_date_is_refused_on_the_form(self):
        self.login_as(self.w.admin_a)
        url = f"/admission/cases/{self.late.pk}/steps/{StepKind.TALK}/"
        tomorrow = self.today + dt.timedelta(days=1)
        response = self.client.post(url, {"done_on": tomorrow.isoformat(), "note": "谈话"})
        self.assertIn("不能晚于今天", response.content.decode())
        self.assertEqual(Step.objects.filter(case=self.late).count(), 0)

    def test_the_pipeline_export_names_people_and_is_audited(self):
        self.login_as(self.w.staff)
        response = self.client.get("/admission/export/?org=A01")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertTrue({"孙悦", "李想"} <= names)
        self.assertNotIn("王乙", names)
        entry = AuditEntry.objects.filter(event="export").latest("pk")
        self.assertEqual(entry.additional_data["rows"], 2)

    def test_the_api_lists_the_pipeline_scoped(self):
        self.login_as(self.w.admin_a)
        found = self.client.get("/api/v1/admission/pipeline?org=A01").json()
        self.assertEqual({c["name"] for c in found}, {"孙悦", "李想"})
        late = next(c for c in found if c["name"] == "孙悦")
        self.assertTrue(late["dues"][0]["overdue"])
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get("/api/v1/admission/pipeline?org=A01").status_code, 404)


class CaseFormScopingTests(AdmissionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.today = timezone.localdate()
        self.case = services.case_open(
            org=self.w.branch_a1, name="孙悦", id_number=adult_id(1), applied_on=self.today - dt.timedelta(days=10)
        )
        services.step_record(case=self.case, kind=StepKind.TALK, done_on=self.today, data=services.StepData(note="谈"))

    def test_contact_persons_are_picked_among_the_branchs_full_members(self):
        self.login_as(self.w.admin_a)
        url = f"/admission/cases/{self.case.pk}/steps/{StepKind.ACTIVIST}/"
        form = self.client.get(url).context["form"]
        self.assertEqual(set(form.fields["people"].queryset), set(self.full) | {self.w.person_a})
        response = self.client.post(
            url, {"done_on": self.today.isoformat(), "people": [self.full[0].pk, self.w.person_b.pk]}
        )
        self.assertIn("不在您的管理范围内", response.content.decode())
        self.assertEqual(Case.objects.get(pk=self.case.pk).stage, Stage.APPLICANT)

    def test_the_case_page_shows_the_id_number_masked_only(self):
        self.login_as(self.w.staff)
        page = self.client.get(f"/admission/cases/{self.case.pk}/").content.decode()
        self.assertNotIn(adult_id(1), page)
        self.assertIn(self.case.id_number_masked, page)

    def test_the_quarters_api_gives_the_years_figures(self):
        self.login_as(self.w.staff)
        found = {q["key"]: q for q in self.client.get(f"/api/v1/admission/quarters?year={self.today.year}").json()}
        self.assertEqual(found["applicants"]["total"], 1)
        self.assertEqual(sum(found["applicants"]["quarters"]), 1)
