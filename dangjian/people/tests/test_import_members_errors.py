"""A roster with bad rows: every bad row reported with its row, column and reason; nothing written."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

from dangjian.core.models import AuditEntry
from dangjian.people.importing import import_members_file
from dangjian.people.models import Member, Post

from .test_import_members import HEADERS, MemberImportCase, person


class BadRowTests(MemberImportCase):
    def assert_nothing_written(self) -> None:
        self.assertEqual(Member.objects.count(), 2)  # the world's two people
        self.assertEqual(Post.objects.count(), 0)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())

    def errors(self, people: list[dict], headers: list[str] = HEADERS) -> list[tuple]:
        result = import_members_file(self.xlsx(people, headers))
        self.assertFalse(result.ok)
        self.assert_nothing_written()
        return [(e.row, e.column, e.message) for e in result.errors]

    def test_it_reports_a_wrong_check_digit_and_writes_nothing(self):
        good = person(1)
        bad_number = person(2)["身份证号"][:17] + ("0" if person(2)["身份证号"][17] != "0" else "1")
        found = self.errors([good, person(2, 身份证号=bad_number)])
        self.assertEqual(len(found), 1)
        row, column, message = found[0]
        self.assertEqual((row, column), (3, "身份证号"))
        self.assertIn("校验码错误", message)

    def test_it_reports_a_birth_date_that_differs_from_the_id_number(self):
        found = self.errors([person(1, 出生日期=dt.date(1975, 1, 1))])
        self.assertEqual(found[0][:2], (2, "身份证号"))
        self.assertIn("出生日期", found[0][2])

    def test_it_reports_an_unknown_organization_code(self):
        found = self.errors([person(1, 所在组织编码="X99")])
        self.assertEqual(found, [(2, "所在组织编码", "所在组织编码“X99”不存在")])

    def test_it_reports_a_bad_date(self):
        found = self.errors([person(1, 入党日期="2010年13月")])
        self.assertEqual(found[0][:2], (2, "入党日期"))
        self.assertIn("格式不正确", found[0][2])

    def test_it_reports_an_unknown_category(self):
        found = self.errors([person(1, 人员类别="团员")])
        self.assertEqual(found[0][:2], (2, "人员类别"))
        self.assertIn("人员类别“团员”无法识别", found[0][2])

    def test_it_reports_a_duplicate_id_number_on_both_rows(self):
        twin = person(1)
        found = self.errors([twin, person(2), dict(twin)])
        self.assertEqual(found, [(2, "身份证号", "身份证号与第4行重复"), (4, "身份证号", "身份证号与第2行重复")])

    def test_it_names_a_missing_required_header(self):
        headers = [h for h in HEADERS if h != "身份证号"]
        found = self.errors([person(1)], headers)
        self.assertEqual(found[0][0], None)
        self.assertIn("缺少必填列：身份证号", found[0][2])

    def test_it_reports_a_unit_the_organization_sheet_never_named(self):
        found = self.errors([person(1, 工作单位="市不存在局")])
        self.assertEqual(
            found, [(2, "工作单位", "工作单位“市不存在局”未在党组织表中登记（请先在党组织表的“所在单位”中登记）")]
        )

    def test_it_reports_every_bad_row_not_just_the_first(self):
        found = self.errors([person(1, 性别="女"), person(2), person(3, 手机号="12345"), person(4, 入党日期=None)])
        self.assertEqual([(r, c) for r, c, _ in found], [(2, "性别"), (4, "手机号"), (5, "入党日期")])

    def test_it_reports_several_problems_of_one_row(self):
        found = self.errors([person(1, 身份证号="12345", 所在组织编码="X99")])
        self.assertEqual([(r, c) for r, c, _ in found], [(2, "身份证号"), (2, "所在组织编码")])

    def test_it_applies_the_roster_rules_between_fields(self):
        found = self.errors([
            person(1, 人员类别="入党积极分子"),  # an activist has no party date
            person(2, 入党日期=dt.date(1985, 1, 1)),  # joined before 18
            person(3, 人员类别="非党干部", 入党日期=None, 党内职务="委员", 任职日期="2020-01-01"),
            person(4, 党内职务="书记"),  # no start date
        ])  # fmt: skip
        self.assertEqual(
            [(r, c) for r, c, _ in found], [(2, "入党日期"), (3, "入党日期"), (4, "党内职务"), (5, "任职日期")]
        )

    def test_it_reports_an_id_number_stored_as_a_number(self):
        found = self.errors([person(1, 身份证号=float(person(1)["身份证号"][:15] + "000"))])
        self.assertIn("文本格式", found[0][2])

    def test_it_reports_two_secretaries_for_one_organization(self):
        found = self.errors([person(1, 党内职务="书记", 任职日期="2023-01-01"),
                             person(2, 党内职务="书记", 任职日期="2023-01-01")])  # fmt: skip
        self.assertEqual([(r, c) for r, c, _ in found], [(2, "党内职务"), (3, "党内职务")])


class BrokenFileTests(MemberImportCase):
    def file(self, content: bytes) -> str:
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.write(fd, content)
        os.close(fd)
        self.addCleanup(os.unlink, path)
        return path

    def test_it_explains_a_text_file_renamed_xlsx(self):
        result = import_members_file(self.file("姓名,身份证号\n张三,1\n".encode()))
        self.assertEqual(len(result.errors), 1)
        self.assertIsNone(result.errors[0].row)
        self.assertIn("不是有效的 Excel", result.errors[0].message)

    def test_it_explains_a_damaged_file(self):
        result = import_members_file(self.file(b"PK\x03\x04garbage" * 10))
        self.assertIn("损坏", result.errors[0].message)


class SecretaryTests(MemberImportCase):
    def test_it_ends_the_previous_secretarys_post_as_post_assign_does(self):
        from dangjian.people.services import post_assign

        old = post_assign(
            member=self.w.person_a, org=self.w.branch_a1, title="secretary", started_on=dt.date(2020, 1, 1)
        )
        result = import_members_file(self.xlsx([person(1, 党内职务="书记", 任职日期="2024-03-01")]))
        self.assertTrue(result.ok, result.errors)
        self.assertEqual(result.extra["免去原任书记"], 1)
        old.refresh_from_db()
        self.assertEqual(old.ended_on, dt.date(2024, 3, 1))
        current = Post.objects.get(org=self.w.branch_a1, title="secretary", ended_on__isnull=True)
        self.assertEqual(current.member.name, "王一")

    def test_it_moves_a_person_with_a_transfer_record_and_ends_posts_left_behind(self):
        from dangjian.people.services import post_assign

        w = self.w
        post = post_assign(member=w.person_a, org=w.branch_a1, title="committee_member", started_on=dt.date(2020, 1, 1))
        row = person(0, 姓名=w.person_a.name, 出生日期=w.person_a.birth_date, 身份证号=w.person_a.id_number,
                     入党日期=w.person_a.joined_party_on, 所在组织编码="A02")  # fmt: skip
        result = import_members_file(
            self.xlsx([row], [h for h in HEADERS if h not in ("手机号", "职务", "职级", "学历")])
        )
        self.assertTrue(result.ok, result.errors)
        w.person_a.refresh_from_db()
        self.assertEqual(w.person_a.org, w.branch_a2)
        transfer = w.person_a.transfers.get()
        self.assertEqual((transfer.from_org, transfer.to_org), (w.branch_a1, w.branch_a2))
        post.refresh_from_db()
        self.assertIsNotNone(post.ended_on)

    def test_it_refuses_a_post_start_before_the_current_secretarys(self):
        from dangjian.people.services import post_assign

        post_assign(member=self.w.person_a, org=self.w.branch_a1, title="secretary", started_on=dt.date(2024, 1, 1))
        result = import_members_file(self.xlsx([person(1, 党内职务="书记", 任职日期="2023-03-01")]))
        self.assertEqual([(e.row, e.column) for e in result.errors], [(2, "任职日期")])
