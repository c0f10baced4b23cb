"""The roster import page: upload → preview → confirm, who may use it, stale confirmations."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core import importing
from dangjian.core.models import AuditEntry
from dangjian.people.models import Member
from dangjian.people.services import ID_NUMBER_TAKEN

from .test_import_members import HEADERS, MemberImportCase, person

UPLOADS = Path(tempfile.mkdtemp(prefix="dangjian-import-test-"))


@override_settings(UPLOAD_DIR=UPLOADS)
class MemberImportPageTests(MemberImportCase):
    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(UPLOADS, ignore_errors=True)
        super().tearDownClass()

    def upload(self, people: list[dict], name: str = "名册.xlsx"):
        with open(self.xlsx(people), "rb") as f:
            content = f.read()
        return self.client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, content)})

    def confirm(self, token: str):
        return self.client.post(reverse("people:import_confirm"), {"token": token}, follow=True)

    def test_it_previews_without_writing_then_imports_on_confirmation(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1), person(2)])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["nav"], "import")
        self.assertContains(response, "确认导入")
        self.assertEqual(response.context["result"].created, 2)
        self.assertContains(response, "1101**********")  # the preview shows masked ID numbers only
        self.assertNotContains(response, person(1)["身份证号"])
        self.assertEqual(Member.objects.count(), 2)
        response = self.confirm(response.context["token"])
        self.assertContains(response, "人员名册导入完成")
        self.assertEqual(Member.objects.count(), 4)
        self.assertEqual(AuditEntry.objects.get(event="import").actor, self.w.staff)
        self.assertEqual(list(UPLOADS.glob("import-members-*")), [])

    def test_it_refuses_a_replayed_confirmation(self):
        self.login_as(self.w.staff)
        token = self.upload([person(1)]).context["token"]
        self.confirm(token)
        response = self.confirm(token)
        self.assertContains(response, "已失效")
        self.assertEqual(AuditEntry.objects.filter(event="import").count(), 1)

    def test_it_refuses_a_forged_confirmation(self):
        self.login_as(self.w.staff)
        self.upload([person(1)])
        response = self.confirm("forged-token")
        self.assertContains(response, "已失效")
        self.assertEqual(Member.objects.count(), 2)

    def test_it_imports_nothing_when_the_file_changed_after_the_preview(self):
        self.login_as(self.w.staff)
        token = self.upload([person(1)]).context["token"]
        staged = self.client.session[importing.SESSION_KEY]["members"]
        (UPLOADS / staged["file"]).write_bytes(open(self.xlsx([person(1), person(2)]), "rb").read())
        response = self.confirm(token)
        self.assertContains(response, "已被更改")
        self.assertEqual(Member.objects.count(), 2)

    def test_it_lists_every_error_and_offers_no_confirmation(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1, 所在组织编码="X99"), person(2, 出生日期="1999-02-30")])
        self.assertNotIn("token", response.context)
        self.assertContains(response, "未导入任何数据")
        self.assertContains(response, "所在组织编码“X99”不存在或不在您的管理范围内")
        self.assertContains(response, "日期“1999-02-30”不存在")
        self.assertNotContains(response, "确认导入")

    def test_it_refuses_a_file_that_is_not_xlsx(self):
        self.login_as(self.w.staff)
        response = self.client.post(reverse("people:import"), {"file": SimpleUploadedFile("名册.txt", b"abc")})
        self.assertContains(response, "只能导入 .xlsx 格式")
        renamed = self.client.post(reverse("people:import"), {"file": SimpleUploadedFile("名册.xlsx", b"abc")})
        self.assertContains(renamed, "不是有效的 Excel")

    def test_it_keeps_an_org_admin_inside_their_subtree(self):
        self.login_as(self.w.admin_a)
        response = self.upload([person(1, 所在组织编码="A01"), person(2, 所在组织编码="B01")])
        errors = [(e.row, e.column) for e in response.context["result"].errors]
        self.assertEqual(errors, [(3, "所在组织编码")])
        self.assertContains(response, "所在组织编码“B01”不存在或不在您的管理范围内")
        self.assertEqual(Member.objects.count(), 2)

    def test_it_keeps_an_org_admin_from_updating_someone_outside_their_subtree(self):
        w = self.w
        self.login_as(w.admin_a)
        row = person(0, 姓名=w.person_b.name, 性别="女", 出生日期=w.person_b.birth_date, 身份证号=w.person_b.id_number,
                     入党日期=w.person_b.joined_party_on)  # fmt: skip
        response = self.upload([row])
        self.assertEqual([(e.row, e.column) for e in response.context["result"].errors], [(2, "身份证号")])
        w.person_b.refresh_from_db()
        self.assertEqual(w.person_b.org, w.branch_b1)

    def test_it_does_not_say_that_the_number_is_outside_an_org_admins_subtree(self):
        w = self.w
        self.login_as(w.admin_a)
        row = person(0, 姓名=w.person_b.name, 性别="女", 出生日期=w.person_b.birth_date, 身份证号=w.person_b.id_number,
                     入党日期=w.person_b.joined_party_on)  # fmt: skip
        response = self.upload([row])
        self.assertEqual([e.message for e in response.context["result"].errors], [ID_NUMBER_TAKEN])
        self.assertNotContains(response, "管理范围以外")

    def test_it_lets_an_org_admin_import_into_their_subtree(self):
        self.login_as(self.w.admin_a)
        token = self.upload([person(1, 所在组织编码="A02")]).context["token"]
        self.confirm(token)
        self.assertTrue(Member.objects.filter(org=self.w.branch_a2, name="王一").exists())

    def test_it_answers_a_recorded_404_to_a_member_and_an_outsider(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            for url in ("people:import", "people:import_template"):
                self.assertEqual(self.client.get(reverse(url)).status_code, 404)
            self.assertEqual(self.client.post(reverse("people:import_confirm"), {"token": "x"}).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), 6)
        self.assertEqual(Member.objects.count(), 2)

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(reverse("people:import"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_it_offers_a_template_with_headers_an_example_and_instructions(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(reverse("people:import_template"))
        self.assertEqual(response.status_code, 200)
        wb = load_workbook(io.BytesIO(response.content))
        self.assertEqual([c.value for c in wb.worksheets[0][1]], HEADERS)
        self.assertEqual(wb.worksheets[0].max_row, 2)
        self.assertEqual(wb.sheetnames[1], "填写说明")
