"""The organization import: the command and the page (committee staff only)."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from dangjian.accounts.models import Role
from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_user
from dangjian.orgs.models import Organization

from .test_import_orgs import HEADERS, OrgImportCase, org_row

UPLOADS = Path(tempfile.mkdtemp(prefix="dangjian-org-import-test-"))


class ImportOrgsCommandTests(OrgImportCase):
    def test_it_imports_and_prints_the_counts(self):
        out = io.StringIO()
        call_command("import_orgs", self.xlsx([org_row("A03", "第三支部", "党支部", "A")]), stdout=out)
        self.assertIn("已新增 1 条", out.getvalue())
        self.assertTrue(Organization.objects.filter(code="A03").exists())

    def test_it_writes_nothing_on_a_dry_run(self):
        out = io.StringIO()
        call_command("import_orgs", self.xlsx([org_row("A03", "第三支部", "党支部", "A")]), "--dry-run", stdout=out)
        self.assertIn("将新增 1 条", out.getvalue())
        self.assertFalse(Organization.objects.filter(code="A03").exists())

    def test_it_exits_non_zero_with_the_errors(self):
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "1 处错误"):
            call_command("import_orgs", self.xlsx([org_row("A03", "第三支部", "党支部", "ZZ")]), stderr=err)
        self.assertIn("第2行【上级组织编码】", err.getvalue())


@override_settings(UPLOAD_DIR=UPLOADS)
class OrgImportPageTests(OrgImportCase):
    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(UPLOADS, ignore_errors=True)
        super().tearDownClass()

    def upload(self, rows: list[dict]):
        with open(self.xlsx(rows), "rb") as f:
            upload = SimpleUploadedFile("党组织.xlsx", f.read())
        return self.client.post(reverse("orgs:import"), {"file": upload})

    def test_it_previews_then_imports_for_committee_staff(self):
        self.login_as(self.w.staff)
        response = self.upload([org_row("A03", "市财政局第三党支部", "党支部", "A")])
        self.assertContains(response, "市财政局第三党支部")
        self.assertFalse(Organization.objects.filter(code="A03").exists())
        response = self.client.post(reverse("orgs:import_confirm"), {"token": response.context["token"]}, follow=True)
        self.assertContains(response, "党组织导入完成")
        self.assertTrue(Organization.objects.filter(code="A03").exists())
        self.assertEqual(AuditEntry.objects.get(event="import").actor, self.w.staff)

    def test_it_refuses_a_stale_confirmation(self):
        self.login_as(self.w.staff)
        response = self.client.post(reverse("orgs:import_confirm"), {"token": "nothing-previewed"}, follow=True)
        self.assertContains(response, "已失效")

    def test_it_keeps_staff_inside_their_committee(self):
        other = Organization.objects.add_root({"code": "GW2", "name": "另一工委", "kind": "committee"})
        self.login_as(self.w.staff)
        response = self.upload([org_row("X01", "外部支部", "党支部", other.code), org_row("GW3", "新工委", "工委", "")])
        self.assertEqual(
            [(e.row, e.column) for e in response.context["result"].errors], [(2, "上级组织编码"), (3, "上级组织编码")]
        )

    def test_it_answers_a_recorded_404_to_everyone_but_committee_staff(self):
        for user in (self.w.admin_a, self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertEqual(self.client.get(reverse("orgs:import")).status_code, 404)
            self.assertEqual(self.client.get(reverse("orgs:import_template")).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), 6)

    def test_it_lets_staff_of_a_branch_only_inside_their_branch(self):
        staff_a = make_user("staff_a", roles=((Role.COMMITTEE_STAFF, self.w.org_a),))
        self.login_as(staff_a)
        response = self.upload([org_row("B02", "市教育局第二党支部", "党支部", "B")])
        self.assertIn("不在您的管理范围内", response.context["result"].errors[0].message)

    def test_it_offers_a_template(self):
        self.login_as(self.w.staff)
        response = self.client.get(reverse("orgs:import_template"))
        wb = load_workbook(io.BytesIO(response.content))
        self.assertEqual([c.value for c in wb.worksheets[0][1]], HEADERS)
        self.assertIn("填写说明", wb.sheetnames)
