"""The pages as a secretary uses them: issue a letter, record its receipt, print it, export, receive."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_id_number
from dangjian.people.models import Member
from dangjian.transfers import services
from dangjian.transfers.models import FlowMember, InLetter, OutLetter, OutStatus

from .helpers import TransfersTestCase, person

TODAY = timezone.localdate()


class OutPagesTests(TransfersTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def post_letter(self, member_pk, **extra):
        data = {"member": member_pk, "dest_name": "中共某省直机关工委", "reason": "工作调动",
                "issued_on": TODAY.isoformat(), "valid_days": "30"}  # fmt: skip
        data.update(extra)
        return self.client.post("/transfers/out/new/", data)

    def test_finding_the_member_and_issuing_the_letter(self):
        found = self.client.get("/transfers/out/new/", {"q": "张建国"})
        self.assertContains(found, f"?member={self.w.person_a.pk}")
        chosen = self.client.get("/transfers/out/new/", {"member": self.w.person_a.pk})
        self.assertContains(chosen, f"/members/{self.w.person_a.pk}/transfer/")  # the move within the committee
        response = self.post_letter(self.w.person_a.pk)
        letter = OutLetter.objects.get()
        self.assertRedirects(response, f"/transfers/out/{letter.pk}/", fetch_redirect_response=False)
        self.assertFalse(Member.objects.filter(pk=self.w.person_a.pk).exists())
        self.assertContains(self.client.get(f"/transfers/out/{letter.pk}/"), letter.number)

    def test_a_member_off_the_roster_is_refused_on_the_form(self):
        self.issue()
        response = self.post_letter(self.w.person_a.pk)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "未保存任何修改")
        self.assertEqual(OutLetter.objects.count(), 1)

    def test_a_receipt_dated_before_issue_is_refused_on_the_page(self):
        letter = self.issue(issued_on=TODAY, today=TODAY)
        before = (TODAY - dt.timedelta(days=1)).isoformat()
        response = self.client.post(
            f"/transfers/out/{letter.pk}/receipt/", {"receipt_on": before, "receipt_org_name": "接收党委"}, follow=True
        )
        self.assertContains(response, "回执日期不能早于介绍信开具日期")
        self.assertEqual(OutLetter.objects.get().status, OutStatus.ISSUED)
        self.client.post(f"/transfers/out/{letter.pk}/receipt/", {"receipt_on": TODAY, "receipt_org_name": "接收党委"})
        self.assertEqual(OutLetter.objects.get().status, OutStatus.RETURNED)

    def test_overdue_letters_are_listed(self):
        old = self.issue(issued_on=TODAY - dt.timedelta(days=45), today=TODAY)
        fresh = self.issue(person(org=self.w.branch_a2), issued_on=TODAY, today=TODAY)
        page = self.client.get("/transfers/out/overdue/")
        self.assertContains(page, old.number)
        self.assertNotContains(page, fresh.number)

    def test_the_print_view_has_the_counterfoil_the_letter_and_the_receipt(self):
        letter = self.issue()
        page = self.client.get(f"/transfers/out/{letter.pk}/print/")
        for text in ("（存根）", "（回执）", "请转接组织关系", letter.number, "中共北京市海淀区委组织部"):
            self.assertContains(page, text)
        self.assertNotContains(page, "<style")  # strict CSP: the screen page links its style sheet

    def test_the_export_names_people_and_is_audited(self):
        self.issue()
        response = self.client.get("/transfers/out/", {"year": str(TODAY.year - 1), "export": "xlsx"})
        self.assertEqual(
            response["Content-Type"].split(";")[0], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        self.assertTrue(AuditEntry.objects.filter(event="export", object_repr__startswith="组织关系转出").exists())


class InPagesTests(TransfersTestCase):
    def test_an_invalid_id_number_is_refused_on_the_form_and_nothing_is_written(self):
        self.login_as(self.w.staff)
        born = dt.date(1990, 5, 6)
        good = make_id_number(born, serial=9)
        data = {"number": "X1", "origin_name": "外省党委", "received_on": TODAY.isoformat(), "org": self.w.committee.pk,
                "name": "孙立新", "ethnicity": "汉族", "birth_date": born.isoformat(), "id_number": good[:-1] + "Y",
                "party_status": "full", "joined_party_on": "2015-07-01"}  # fmt: skip
        response = self.client.post("/transfers/in/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-field-error="id_number"')
        self.assertFalse(InLetter.objects.exists())
        data["id_number"] = good
        data["place_in"] = self.w.branch_a1.pk
        response = self.client.post("/transfers/in/new/", data)
        letter = InLetter.objects.get()
        self.assertRedirects(response, f"/transfers/in/{letter.pk}/", fetch_redirect_response=False)
        self.assertTrue(Member.objects.filter(name="孙立新", org=self.w.branch_a1).exists())

    def test_an_administrator_places_a_member_received_into_their_branch(self):
        letter = self.receive(org=self.w.org_a, received_on=TODAY, today=TODAY)
        self.login_as(self.w.admin_a)
        self.client.post(f"/transfers/in/{letter.pk}/place/", {"branch": self.w.branch_a2.pk, "placed_on": TODAY})
        self.assertEqual(Member.objects.get(name="孙立新").org, self.w.branch_a2)


class FlowPagesTests(TransfersTestCase):
    def test_members_in_flow_are_listed_by_branch_and_their_return_ends_it(self):
        flow = self.flow(since=TODAY - dt.timedelta(days=10), expected_return=None, today=TODAY)
        services.flow_start(member=self.w.person_b, place="杭州市", since=TODAY, by=self.w.staff)
        self.login_as(self.w.admin_a)
        page = self.client.get("/transfers/flow/")
        self.assertContains(page, "市财政局第一党支部")
        self.assertContains(page, "广东省深圳市南山区")
        self.assertNotContains(page, "杭州市")  # B's member, out of A's reach
        self.client.post(f"/transfers/flow/{flow.pk}/end/", {"returned_on": TODAY.isoformat()})
        self.assertEqual(FlowMember.objects.get(pk=flow.pk).status, "returned")
