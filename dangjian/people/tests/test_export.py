import io

from openpyxl import load_workbook

from .helpers import RosterTestCase


class ExportTests(RosterTestCase):
    def rows(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
        ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        return [list(r) for r in ws.iter_rows(values_only=True)]

    def test_it_exports_the_filtered_list_with_masked_numbers_and_records_it(self):
        self.login_as(self.w.staff)
        rows = self.rows(self.client.get("/members/export.xlsx", {"org": "A"}))
        header, *body = rows
        self.assertEqual(header[:5], ["姓名", "性别", "民族", "出生日期", "身份证号"])
        self.assertEqual([r[0] for r in body], ["张建国"])
        person = self.w.person_a
        self.assertEqual(body[0][4], person.id_number_masked)
        self.assertEqual(body[0][5], person.phone_masked)
        self.assertNotIn(person.id_number, str(rows))
        self.assertEqual(body[0][10], "正式党员")
        entry = self.audit("export").get()
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.additional_data["rows"], 1)
        self.assertEqual(entry.additional_data["filters"], {"org": "A"})
        self.assertEqual(entry.org_id, self.w.org_a.pk)

    def test_it_exports_every_page(self):
        for i in range(60):
            self.person(f"测试{i:02d}")
        self.login_as(self.w.staff)
        rows = self.rows(self.client.get("/members/export.xlsx"))
        self.assertEqual(len(rows) - 1, 62)
        self.assertEqual(self.audit("export").get().additional_data["rows"], 62)

    def test_a_name_that_looks_like_a_formula_is_neutralized(self):
        self.person('=HYPERLINK("http://evil","点我")')
        self.login_as(self.w.admin_a)
        rows = self.rows(self.client.get("/members/export.xlsx"))
        names = [r[0] for r in rows[1:]]
        self.assertIn('\'=HYPERLINK("http://evil","点我")', names)
        self.assertFalse(any(isinstance(n, str) and n.startswith("=") for n in names))
        self.assertEqual(self.audit("export").get().additional_data["rows"], 2)

    def test_an_admin_exports_only_their_own_people(self):
        self.login_as(self.w.admin_b)
        names = [r[0] for r in self.rows(self.client.get("/members/export.xlsx"))[1:]]
        self.assertEqual(names, ["李红梅"])

    def test_an_admin_exporting_another_org_gets_a_recorded_404_and_no_export(self):
        self.login_as(self.w.admin_a)
        self.assertDeniedAndRecorded(self.client.get("/members/export.xlsx", {"org": "B"}), self.w.admin_a)
        self.assertFalse(self.audit("export").exists())

    def test_members_and_outsiders_cannot_export(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.get("/members/export.xlsx"), user)
        self.assertFalse(self.audit("export").exists())
