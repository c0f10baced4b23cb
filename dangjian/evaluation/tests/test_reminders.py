"""Reminders: N days before the deadline the evaluators who have not voted are listed, and their
personal links handed out again (printed slips or an Excel list), recorded on the trail."""

from __future__ import annotations

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.evaluation import selectors, services

from .helpers import EvaluationTestCase


class ReminderTests(EvaluationTestCase):
    def test_before_the_reminder_time_nobody_is_due(self):
        round_ = self.make_round(days=7)
        self.assertEqual(services.to_remind(round_), [])
        self.login_as(self.w.staff)
        page = self.client.get(f"/evaluation/{round_.pk}/reminders/")
        self.assertContains(page, "尚未到提醒时间")
        self.assertNotContains(page, "/reminders/hand-out/")
        with self.assertRaises(ValidationError) as ctx:
            services.evaluators_remind(round_=round_, how="print", by=self.w.staff)
        self.assertIn("nothing_to_remind", codes_of(ctx.exception))
        self.assertFalse(round_.evaluators.filter(reminded_at__isnull=False).exists())

    def test_within_the_last_days_those_who_have_not_voted_are_listed(self):
        round_ = self.make_round(days=2, evaluators=3)
        voter, *others = list(round_.evaluators.order_by("id"))
        self.vote(voter)
        self.assertEqual(services.to_remind(round_), others)
        self.login_as(self.w.staff)
        page = self.client.get(f"/evaluation/{round_.pk}/reminders/")
        self.assertContains(page, "打印提醒单（2 人）")
        self.assertNotContains(page, f'data-evaluator="{voter.pk}"')
        for e in others:
            self.assertContains(page, f'data-evaluator="{e.pk}"')

    @override_settings(DANGJIAN={"evaluation": {"remind_days_before": 10}})
    def test_the_number_of_days_is_a_setting(self):
        round_ = self.make_round(days=7)
        self.assertEqual(len(services.to_remind(round_)), 3)

    def test_printing_the_reminders_gives_each_their_link_and_records_it(self):
        round_ = self.make_round(days=1, evaluators=2)
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/{round_.pk}/reminders/hand-out/", {"how": "print"})
        self.assertContains(response, "投票提醒单（2 人）")
        for e in round_.evaluators.all():
            self.assertContains(response, f"/evaluation/b/{selectors.token_for(e)}/")
            self.assertIsNotNone(e.reminded_at)
        entry = AuditEntry.objects.filter(event="export", additional_data__what="evaluation_reminders").get()
        self.assertEqual(entry.additional_data["evaluators"], 2)
        self.assertEqual(entry.actor, self.w.staff)
        page = self.client.get(f"/evaluation/{round_.pk}/reminders/")
        self.assertContains(page, f"{timezone.localtime(round_.evaluators.first().reminded_at):%Y-%m-%d %H:%M}")

    def test_the_excel_list_holds_names_and_working_links(self):
        round_ = self.make_round(days=1, evaluators=2)
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/{round_.pk}/reminders/hand-out/", {"how": "xlsx"})
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("姓名", "身份", "个人投票链接"))
        self.assertEqual(sorted(r[0] for r in rows[1:]), ["评议人1", "评议人2"])
        link = rows[1][2]
        self.assertEqual(self.client.get(link.replace("http://testserver", "")).status_code, 200)

    def test_after_the_deadline_there_is_nothing_to_remind(self):
        round_ = self.make_round(days=1)
        round_ = self.pass_deadline(round_)
        self.assertEqual(services.to_remind(round_), [])
        # An hour before it they were due.
        self.assertEqual(len(services.to_remind(round_, now=round_.deadline - dt.timedelta(hours=1))), 3)
