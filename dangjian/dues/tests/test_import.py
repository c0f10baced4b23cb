"""Importing a branch's bases from Excel: all or nothing, each bad row named by row, column and reason."""

from decimal import Decimal

from dangjian.core.testing import MemberFactory
from dangjian.dues.models import DuesBase

from .helpers import YEAR, DuesTestCase, upload, xlsx


class ImportTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.admin_a)
        self.url = f"/dues/import/?org=A01&year={YEAR}"

    def row(self, person, base="4000", category="在职", name=None):
        return [name or person.name, person.id_number, category, base]

    def check(self, rows, headers=None):
        response = self.client.post(self.url, {"file": upload(xlsx(rows, headers))})
        self.assertEqual(response.status_code, 200)
        return response.context["result"], response.context.get("token")

    def errors(self, result):
        return [(e.row, e.column) for e in result.errors]

    def test_a_good_sheet_is_previewed_then_written_on_confirmation(self):
        result, token = self.check([self.row(self.w.person_a, "8000"), self.row(self.a1_second, "2000", "离退休")])
        self.assertTrue(result.ok)
        self.assertEqual(result.created, 2)
        self.assertFalse(DuesBase.objects.exists())
        response = self.client.post(f"/dues/import/confirm/?org=A01&year={YEAR}", {"token": token})
        self.assertEqual(response.status_code, 302)
        bases = {b.member_id: (b.category, b.base, b.monthly_dues) for b in DuesBase.objects.all()}
        self.assertEqual(bases[self.w.person_a.pk], ("in_work", Decimal("8000.00"), Decimal("120.00")))
        self.assertEqual(bases[self.a1_second.pk], ("retired", Decimal("2000.00"), Decimal("10.00")))
        from dangjian.core.models import AuditEntry

        self.assertTrue(AuditEntry.objects.filter(event="import").exists())

    def test_a_negative_or_non_numeric_base_names_the_row_and_column_and_writes_nothing(self):
        result, token = self.check(
            [self.row(self.w.person_a, "-100"), self.row(self.a1_second, "三千"), [
                "刘洋", self.a2_member.id_number, "在职", "1000.555"]]
        )  # fmt: skip
        self.assertFalse(result.ok)
        self.assertIsNone(token)
        self.assertEqual(self.errors(result)[:2], [(2, "缴费基数"), (3, "缴费基数")])
        self.assertIn("负数", result.errors[0].message)
        self.assertIn("不是数字", result.errors[1].message)
        self.assertFalse(DuesBase.objects.exists())

    def test_a_member_outside_the_branch_or_out_of_reach_is_refused(self):
        outside = MemberFactory.create(org=self.w.branch_b1)
        result, _ = self.check([self.row(self.w.person_a), self.row(self.a2_member), self.row(outside)])
        self.assertEqual(self.errors(result), [(3, "身份证号"), (4, "身份证号")])
        self.assertIn("不是市财政局第一党支部的党员", result.errors[0].message)
        self.assertIn("不在您的管理范围内", result.errors[1].message)  # B01's person: not revealed as existing

    def test_a_member_twice_for_the_same_year_is_refused(self):
        result, _ = self.check([self.row(self.w.person_a), self.row(self.w.person_a, "5000")])
        self.assertEqual(self.errors(result), [(3, "身份证号")])
        self.assertIn("与第2行重复", result.errors[0].message)

    def test_a_wrong_name_or_category_is_refused(self):
        result, _ = self.check([self.row(self.w.person_a, name="张三"), self.row(self.a1_second, category="临时工")])
        self.assertEqual(self.errors(result), [(2, "姓名"), (3, "人员类别")])

    def test_a_sheet_without_the_required_columns_is_refused_as_a_whole(self):
        result, _ = self.check([["张建国", "x"]], headers=["姓名", "身份证号"])
        self.assertEqual([e.row for e in result.errors], [None])
        self.assertIn("缴费基数", result.errors[0].message)

    def test_importing_the_same_file_twice_changes_nothing(self):
        rows = [self.row(self.w.person_a, "8000")]
        _, token = self.check(rows)
        self.client.post(f"/dues/import/confirm/?org=A01&year={YEAR}", {"token": token})
        result, _ = self.check(rows)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 1))

    def test_the_template_downloads(self):
        response = self.client.get("/dues/import/template/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
