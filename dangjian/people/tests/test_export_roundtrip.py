"""The roster export can be edited and imported back: the template's columns, text IDs, drop-down lists."""

import datetime as dt
import io
import os
import tempfile

from openpyxl import load_workbook

from dangjian.people.importing import COLUMNS, import_members_file
from dangjian.people.models import Member, Post, PostTitle

from .helpers import RosterTestCase


class RoundTripTests(RosterTestCase):
    def download(self, **params):
        response = self.client.get("/members/export.xlsx", params)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.streaming)  # bytes flow at once: the browser shows the download growing
        return b"".join(response.streaming_content)

    def saved(self, content: bytes) -> str:
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        self.addCleanup(os.unlink, path)
        return path

    def test_it_has_the_import_templates_columns_in_order(self):
        self.login_as(self.w.staff)
        ws = load_workbook(io.BytesIO(self.download())).worksheets[0]
        self.assertEqual([c.value for c in ws[1]], [c.header for c in COLUMNS])

    def test_the_full_export_imports_back_changing_nothing(self):
        Post.objects.create(
            member=self.w.person_a,
            org=self.w.branch_a1,
            title=PostTitle.COMMITTEE_MEMBER,
            started_on=dt.date(2022, 1, 5),
        )
        self.person("赵六", org=self.w.branch_a2, phone="13912345678")
        self.login_as(self.w.admin_a)
        path = self.saved(self.download(full="1"))
        stamps = list(Member.objects.order_by("pk").values_list("updated_at", flat=True))
        result = import_members_file(path, scope_user=self.w.admin_a, dry_run=False)
        self.assertEqual(result.errors, [])
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 2))
        self.assertEqual(list(Member.objects.order_by("pk").values_list("updated_at", flat=True)), stamps)
        self.assertEqual(Post.objects.count(), 1)

    def test_an_edited_export_updates_the_person(self):
        self.login_as(self.w.admin_a)
        wb = load_workbook(io.BytesIO(self.download(full="1")))
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        ws.cell(row=2, column=headers.index("职务") + 1, value="处长")
        path = self.saved(b"")
        wb.save(path)
        result = import_members_file(path, scope_user=self.w.admin_a)
        self.assertEqual((result.created, result.updated), (0, 1), result.errors)
        self.assertEqual(Member.objects.get(pk=self.w.person_a.pk).job_title, "处长")

    def test_id_and_phone_columns_are_text_and_dates_are_dates(self):
        self.login_as(self.w.staff)
        ws = load_workbook(io.BytesIO(self.download(full="1"))).worksheets[0]
        headers = [c.value for c in ws[1]]
        id_cell = ws.cell(row=2, column=headers.index("身份证号") + 1)
        self.assertEqual(id_cell.value, self.w.person_a.id_number)
        self.assertEqual(id_cell.number_format, "@")
        self.assertEqual(ws.cell(row=2, column=headers.index("手机号") + 1).number_format, "@")
        # Rows typed in later are text too: the whole column carries the text format.
        letter = id_cell.column_letter
        self.assertEqual(ws.column_dimensions[letter].number_format, "@")
        born = ws.cell(row=2, column=headers.index("出生日期") + 1)
        self.assertEqual(born.value.date(), self.w.person_a.birth_date)
        self.assertEqual(born.number_format, "yyyy-mm-dd")

    def test_drop_down_lists_for_the_coded_columns(self):
        self.login_as(self.w.admin_a)
        wb = load_workbook(io.BytesIO(self.download()))
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        lists = {}
        for dv in ws.data_validations.dataValidation:
            column = str(dv.sqref).split(":")[0].rstrip("0123456789")
            lists[headers[ord(column) - 65]] = dv.formula1
        self.assertEqual(lists["性别"], '"男,女"')
        self.assertEqual(lists["人员类别"], '"正式党员,预备党员,入党积极分子,非党干部"')
        self.assertEqual(lists["学历"], '"博士研究生,硕士研究生,大学本科,大学专科,中专及以下"')
        self.assertEqual(lists["职级"], '"厅局级,处级,科级,科员及以下,其他"')
        self.assertEqual(lists["所在组织编码"], "'选项'!$A$2:$A$4")
        codes = wb["选项"]
        self.assertEqual(codes.sheet_state, "hidden")
        # A's administrator is offered A's organizations only.
        self.assertEqual([r[0] for r in codes.iter_rows(min_row=2, values_only=True)], ["A", "A01", "A02"])

    def test_the_masked_export_shows_no_full_number_and_says_so_in_the_trail(self):
        self.login_as(self.w.staff)
        content = self.download()
        ws = load_workbook(io.BytesIO(content)).worksheets[0]
        values = [c for row in ws.iter_rows(values_only=True) for c in row]
        self.assertIn(self.w.person_a.id_number_masked, values)
        self.assertNotIn(self.w.person_a.id_number, values)
        self.assertEqual(self.audit("export").get().additional_data["personal_data"], "masked")

    def test_a_full_export_is_recorded_as_one(self):
        self.login_as(self.w.admin_a)
        self.download(full="1", org="A")
        entry = self.audit("export").get()
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.additional_data["personal_data"], "full")
        self.assertEqual(entry.additional_data["filters"], {"org": "A"})

    def test_a_member_cannot_get_the_full_export(self):
        self.login_as(self.w.member)
        self.assertDeniedAndRecorded(self.client.get("/members/export.xlsx", {"full": "1"}), self.w.member)
        self.assertFalse(self.audit("export").exists())
