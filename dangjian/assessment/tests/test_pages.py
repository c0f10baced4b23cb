import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangjian.assessment import services
from dangjian.assessment.models import Evidence, Indicator, Mark, Scheme
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, PDF, YEAR, build_scheme, figures, indicator, media, self_indicator


class SchemePageTests(BaseTestCase):
    def test_staff_create_a_years_scheme_from_the_list(self):
        self.login_as(self.w.staff)
        r = self.client.post("/assessment/new/", {"year": YEAR, "copy": "on"})
        scheme = Scheme.objects.get()
        self.assertRedirects(r, f"/assessment/{scheme.pk}/")
        page = self.client.get(f"/assessment/{scheme.pk}/")
        self.assertContains(page, "三会一课按期开展率")
        self.assertContains(page, "发布前需处理")

    def test_a_published_schemes_indicator_edit_is_refused_with_nothing_written(self):
        scheme = build_scheme(self.w)
        ind = indicator(scheme, "重点任务")
        self.login_as(self.w.staff)
        r = self.client.post(f"/assessment/indicators/{ind.pk}/edit/", {
            "name": "改", "weight": "100", "max_points": "10", "source": "committee", "rule": "manual"})  # fmt: skip
        self.assertContains(r, "方案已发布，不能再修改")
        self.assertEqual(Indicator.objects.get(pk=ind.pk).name, "重点任务")

    def test_weights_not_adding_up_show_a_chinese_message(self):
        scheme = build_scheme(self.w, publish=False)
        self.login_as(self.w.staff)
        data = {"title": scheme.title, "closing_on": "2026-12-31", "weight_performance": 30, "weight_party": 50,
                "weight_evaluation": 30, "excellent_from": 90, "good_from": 80, "fair_from": 60,
                "room_gate_cap": "good", "election_gate_cap": "good", "notice_working_days": 5}  # fmt: skip
        r = self.client.post(f"/assessment/{scheme.pk}/edit/", data)
        self.assertContains(r, "三项考核的权重合计为 110%，应为 100%。")
        scheme.refresh_from_db()
        self.assertEqual(scheme.weight_performance, 20)

    def test_an_organization_administrator_sees_no_draft(self):
        scheme = build_scheme(self.w, publish=False)
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(f"/assessment/{scheme.pk}/").status_code, 404)


class MarkPageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        media(self)
        self.scheme = build_scheme(self.w)

    def test_an_administrator_self_evaluates_with_evidence(self):
        ind = self_indicator(self.scheme)
        self.login_as(self.w.admin_a)
        f = SimpleUploadedFile("台账.pdf", PDF)
        r = self.client.post(
            f"/assessment/indicators/{ind.pk}/self/A01/", {f"i{ind.pk}-points": "8", f"i{ind.pk}-files": f}
        )
        self.assertRedirects(r, f"/assessment/{self.scheme.pk}/orgs/A01/")
        page = self.client.get(f"/assessment/{self.scheme.pk}/orgs/A01/")
        self.assertContains(page, "台账.pdf")
        download = self.client.get(f"/assessment/evidence/{Evidence.objects.get().pk}/")
        self.assertEqual(b"".join(download.streaming_content), PDF)

    def test_a_renamed_file_is_refused_in_chinese_with_nothing_written(self):
        ind = self_indicator(self.scheme)
        self.login_as(self.w.admin_a)
        f = SimpleUploadedFile("台账.docx", b"MZ\x90\x00 an executable")
        data = {f"i{ind.pk}-points": "8", f"i{ind.pk}-files": f}
        r = self.client.post(f"/assessment/indicators/{ind.pk}/self/A01/", data, follow=True)
        self.assertContains(r, "内容与扩展名不符")
        self.assertFalse(Mark.objects.exists())

    def test_the_assessor_scores_on_one_sheet_and_a_score_above_max_writes_nothing(self):
        ind = indicator(self.scheme, "重点任务")
        self.login_as(self.w.staff)
        r = self.client.post(f"/assessment/indicators/{ind.pk}/score/", {f"p_{self.w.org_a.pk}": "9",
                                                                          f"p_{self.w.org_b.pk}": "12"})  # fmt: skip
        self.assertContains(r, "超过满分 10")
        self.assertFalse(Mark.objects.exists())
        r = self.client.post(f"/assessment/indicators/{ind.pk}/score/", {f"p_{self.w.org_a.pk}": "9"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Mark.objects.get().points, Decimal("9.0"))


class ResultPageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheme = build_scheme(self.w)
        with figures(EXAMPLE):
            self.rs = services.results_compute(scheme=self.scheme, by=self.w.staff)

    def test_staff_see_the_ranking_with_grades(self):
        self.login_as(self.w.staff)
        r = self.client.get(f"/assessment/{self.scheme.pk}/results/")
        self.assertContains(r, "市财政局第一党支部")
        self.assertContains(r, "市教育局机关党委")

    def test_the_breakdown_links_each_figure_to_its_records(self):
        self.login_as(self.w.staff)
        result = self.rs.results.get(org=self.w.branch_a1)
        r = self.client.get(f"/assessment/results/{result.pk}/")
        self.assertContains(r, "信息报送")
        self.assertContains(r, "org=A01&amp;year=2026")

    def test_an_administrator_sees_nothing_before_the_notice_then_only_their_own(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(f"/assessment/{self.scheme.pk}/results/")
        self.assertContains(r, "尚未公示")
        self.assertNotContains(r, "市财政局第一党支部")
        services.results_start_notice(result_set=self.rs, by=self.w.staff)
        r = self.client.get(f"/assessment/{self.scheme.pk}/results/")
        self.assertContains(r, "市财政局第一党支部")
        self.assertNotContains(r, "市教育局")
        b = self.rs.results.get(org=self.w.org_b)
        self.assertEqual(self.client.get(f"/assessment/results/{b.pk}/").status_code, 404)

    def test_an_objection_after_the_notice_is_refused_on_the_page(self):
        rs = services.results_start_notice(result_set=self.rs, by=self.w.staff, today=dt.date(2026, 1, 5))
        self.assertLess(rs.notice_ends_on, timezone.localdate())
        self.login_as(self.w.admin_a)
        result = self.rs.results.get(org=self.w.branch_a1)
        r = self.client.post(f"/assessment/results/{result.pk}/objections/new/", {"text": "异议"}, follow=True)
        self.assertContains(r, "公示期已于 2026-01-12 结束，不能再提出异议。")
        self.assertFalse(result.objections.exists())

    def test_excel_and_word_exports_of_the_table(self):
        self.login_as(self.w.staff)
        x = self.client.get(f"/assessment/{self.scheme.pk}/results/?export=xlsx")
        self.assertEqual(x.status_code, 200)
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(x.content)).active
        self.assertEqual(sheet.max_row, 6)  # the header and five organizations
        d = self.client.get(f"/assessment/{self.scheme.pk}/results/?export=docx")
        self.assertEqual(d.status_code, 200)
        from docx import Document

        table = Document(io.BytesIO(d.content)).tables[0]
        self.assertEqual(len(table.rows), 6)
        self.assertEqual(table.rows[0].cells[1].text, "党组织")
