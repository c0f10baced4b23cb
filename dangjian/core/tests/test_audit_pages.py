"""The auditor searches the trail by person, account, organization, event and time, and exports it."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from dangjian.accounts.models import User
from dangjian.core import audit
from dangjian.core.importing.trail import insert_rows
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase
from dangjian.people.models import Member


class AuditSearchTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        audit.record(audit.Event.REVEAL, actor=self.w.admin_a, target=self.w.person_a, org=self.w.branch_a1)
        audit.record(audit.Event.EXPORT, actor=self.w.admin_b, target=Member, object_pk="", org=self.w.org_b)
        audit.record(
            audit.Event.LOGIN_FAILED, target=User, object_pk="", object_repr="staff", data={"username": "staff"}
        )
        self.login_as(self.w.auditor)

    def rows(self, **params):
        response = self.client.get("/audit/", params)
        self.assertEqual(response.status_code, 200)
        return [row[0] for row in response.context["rows"]]

    def test_by_person(self):
        found = self.rows(person="张建国")
        self.assertTrue(any(e.event == "reveal" for e in found))
        self.assertFalse(any(e.event == "export" for e in found))

    def test_by_account_as_actor_or_as_target(self):
        events = {e.event for e in self.rows(account="admin_b")}
        self.assertIn("export", events)  # done by admin_b
        self.assertIn("create", events)  # done to admin_b's account
        self.assertNotIn("reveal", events)
        self.assertIn("login_failed", {e.event for e in self.rows(account="staff")})

    def test_by_organization_with_its_subtree(self):
        events = {e.event for e in self.rows(org="A")}
        self.assertIn("reveal", events)
        self.assertNotIn("export", events)

    def test_by_event(self):
        self.assertEqual({e.event for e in self.rows(event="export")}, {"export"})

    def test_by_time_range(self):
        old = AuditEntry(
            content_type=AuditEntry.objects.first().content_type,
            object_pk="",
            object_repr="去年的记录",
            action=AuditEntry.Action.ACCESS,
            event="export",
            timestamp=timezone.now() - dt.timedelta(days=365),
            additional_data={},
        )
        insert_rows([old])
        last_year = (timezone.localdate() - dt.timedelta(days=365)).isoformat()
        found = self.rows(**{"from": last_year, "to": last_year})
        self.assertEqual([e.object_repr for e in found], ["去年的记录"])
        today = timezone.localdate().isoformat()
        self.assertNotIn("去年的记录", [e.object_repr for e in self.rows(**{"from": today})])

    def test_a_bad_date_is_said_in_chinese(self):
        self.assertContains(self.client.get("/audit/", {"from": "2025-13-01"}), "开始日期格式应为")

    def test_changes_are_shown_with_personal_data_masked(self):
        member = self.w.person_a
        member.phone = "13812345678"
        member.save()
        response = self.client.get("/audit/", {"person": "张建国", "event": "update"})
        self.assertContains(response, "138****5678")
        self.assertNotContains(response, "13812345678")

    def test_an_entry_page_shows_everything_about_it(self):
        entry = AuditEntry.objects.get(event="reveal")
        response = self.client.get(f"/audit/{entry.pk}/")
        self.assertContains(response, "查看完整个人信息")
        self.assertContains(response, "admin_a")


class AuditExportTests(BaseTestCase):
    def test_the_auditor_exports_the_search_to_xlsx_and_the_export_is_recorded(self):
        audit.record(audit.Event.REVEAL, actor=self.w.admin_a, target=self.w.person_a, org=self.w.branch_a1)
        self.login_as(self.w.auditor)
        response = self.client.get("/audit/export.xlsx", {"event": "reveal"})
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("时间", "账号", "姓名", "来源地址", "事件"))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][1], "admin_a")
        self.assertEqual(rows[1][4], "查看完整个人信息")
        entry = AuditEntry.objects.get(event="export", actor=self.w.auditor)
        self.assertEqual(entry.additional_data["filters"], {"event": "reveal"})
        self.assertEqual(entry.additional_data["rows"], 1)

    def test_nobody_but_the_auditor_reads_or_exports(self):
        for user in (self.w.sysadmin, self.w.secadmin, self.w.staff, self.w.admin_a, self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertEqual(self.client.get("/audit/").status_code, 404)
            self.assertEqual(self.client.get("/audit/export.xlsx").status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(event="export").exists())

    def test_the_auditor_does_nothing_else(self):
        self.login_as(self.w.auditor)
        for path in (
            "/members/",
            "/orgs/",
            "/dashboard/",
            "/accounts/users/",
            "/accounts/roles/",
            "/accounts/security/",
        ):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        self.assertRedirects(self.client.get("/"), "/audit/", fetch_redirect_response=False)
