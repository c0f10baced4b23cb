"""The pages committee staff and organization administrators use: start a round, name evaluators,
print the QR slips (recorded), see the tally once over; an administrator sees their own secretaries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.models import AuditEntry
from dangjian.evaluation.models import Round

from .helpers import YEAR, EvaluationTestCase


class RoundPageTests(EvaluationTestCase):
    def test_staff_start_a_round_on_the_form(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/evaluation/new/").status_code, 200)
        deadline = timezone.localtime() + dt.timedelta(days=3)
        r = self.client.post(
            "/evaluation/new/",
            {
                "scope": self.w.committee.pk,
                "year": YEAR,
                "title": "年度述职评议",
                "deadline": f"{deadline:%Y-%m-%dT%H:%M}",
            },
        )
        round_ = Round.objects.get()
        self.assertRedirects(r, f"/evaluation/{round_.pk}/")
        self.assertEqual(round_.subjects.count(), 4)

    def test_a_bad_deadline_is_shown_on_the_form(self):
        self.login_as(self.w.staff)
        r = self.client.post(
            "/evaluation/new/",
            {"scope": self.w.committee.pk, "year": YEAR, "title": "年度述职评议", "deadline": "2001-01-01T08:00"},
        )
        self.assertContains(r, "截止时间须晚于现在")
        self.assertFalse(Round.objects.exists())

    def test_staff_add_evaluators_and_print_their_slips(self):
        r = self.make_round(evaluators=0)
        self.login_as(self.w.staff)
        self.client.post(f"/evaluation/{r.pk}/evaluators/", {"kind": "leader", "names": "王书记\n\n赵部长\n"})
        self.assertEqual(list(r.evaluators.values_list("name", flat=True)), ["王书记", "赵部长"])
        page = self.client.get(f"/evaluation/{r.pk}/slips/")
        self.assertEqual(page.content.decode().count("<svg"), 2)
        self.assertContains(page, "/evaluation/b/")
        self.assertTrue(AuditEntry.objects.filter(event="export", additional_data__what="evaluation_slips").exists())

    def test_the_tally_is_hidden_until_the_deadline(self):
        r = self.make_round(evaluators=1)
        self.vote(r.evaluators.get(), B01="poor")
        self.login_as(self.w.staff)
        self.assertNotContains(self.client.get(f"/evaluation/{r.pk}/"), "得分</th>")
        self.pass_deadline(r)
        page = self.client.get(f"/evaluation/{r.pk}/")
        self.assertContains(page, "得分</th>")
        self.assertContains(page, "已于")  # closed (and tallied) when the page was opened after the deadline
        r.refresh_from_db()
        self.assertTrue(r.is_closed)

    def test_an_org_admin_sees_their_own_secretaries_only_and_cannot_run_the_round(self):
        r = self.make_round(evaluators=1)
        self.pass_deadline(r)
        self.login_as(self.w.admin_a)
        page = self.client.get(f"/evaluation/{r.pk}/")
        self.assertContains(page, "孙书记")
        self.assertNotContains(page, "吴书记")
        self.assertNotContains(page, "打印二维码")
        self.assertEqual(self.client.get(f"/evaluation/{r.pk}/evaluators/").status_code, 404)
        self.assertEqual(self.client.post(f"/evaluation/{r.pk}/close/").status_code, 404)
