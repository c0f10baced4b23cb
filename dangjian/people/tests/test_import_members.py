"""Importing a roster from Excel: a good file, idempotence, column order, dates, audit."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

from openpyxl import Workbook

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, make_id_number
from dangjian.people.importing import import_members_file
from dangjian.people.models import Member, Post

HEADERS = ["姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "学历", "工作单位", "职务", "职级",
           "人员类别", "入党日期", "所在组织编码", "党内职务", "任职日期"]  # fmt: skip


def person(n: int, **fields) -> dict:
    """A valid row for person N (birth dates and ID numbers differ by N)."""
    born = dt.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
    row = {
        "姓名": f"王{'十一二三四五六七八九'[n % 10]}", "性别": "男", "民族": "汉族", "出生日期": born,
        "身份证号": make_id_number(born, region="110105", serial=n), "手机号": f"1390000{n:04d}",
        "学历": "大学本科", "工作单位": "市财政局", "职务": "科员", "职级": "科级", "人员类别": "正式党员",
        "入党日期": dt.date(born.year + 25, 7, 1), "所在组织编码": "A01", "党内职务": None, "任职日期": None,
    }  # fmt: skip
    row.update(fields)
    return row


class MemberImportCase(BaseTestCase):
    def xlsx(self, people: list[dict], headers: list[str] = HEADERS, *, title: str | None = None) -> str:
        wb = Workbook()
        ws = wb.active
        if title:
            ws.append([title])
        ws.append(headers)
        for p in people:
            ws.append([p.get(h) for h in headers])
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        wb.save(path)
        self.addCleanup(os.unlink, path)
        return path


class GoodFileTests(MemberImportCase):
    def test_it_creates_everyone_in_the_file(self):
        result = import_members_file(
            self.xlsx([person(1), person(2, 所在组织编码="A02", 人员类别="入党积极分子", 入党日期=None)])
        )
        self.assertTrue(result.ok, result.errors)
        self.assertEqual((result.created, result.updated, result.unchanged), (2, 0, 0))
        m = Member.objects.get(name="王二", org=self.w.branch_a2)
        self.assertEqual(m.status, "activist")
        self.assertEqual(m.unit, self.w.unit_a)
        self.assertEqual(m.id_number, person(2)["身份证号"])
        self.assertEqual(m.phone, "13900000002")
        self.assertEqual(m.name_initials, "we")
        self.assertEqual((m.education, m.cadre_rank, m.gender), ("bachelor", "section", "M"))

    def test_it_changes_nothing_when_the_same_file_is_imported_twice(self):
        path = self.xlsx([person(1, 党内职务="委员", 任职日期="2022-01-05"), person(2)])
        import_members_file(path)
        audit_count = AuditEntry.objects.count()
        stamps = list(Member.objects.order_by("pk").values_list("updated_at", flat=True))
        again = import_members_file(path)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 2))
        self.assertEqual(Post.objects.filter(title="committee_member").count(), 1)
        self.assertEqual(list(Member.objects.order_by("pk").values_list("updated_at", flat=True)), stamps)
        # Only the summary of the second import is new in the audit trail.
        self.assertEqual(AuditEntry.objects.count(), audit_count + 1)
        self.assertEqual(AuditEntry.objects.order_by("-pk").first().event, "import")

    def test_it_updates_only_what_changed_for_someone_already_on_the_roster(self):
        w = self.w
        row = person(0, 姓名=w.person_a.name, 出生日期=w.person_a.birth_date, 身份证号=w.person_a.id_number,
                     性别="男", 入党日期=w.person_a.joined_party_on, 手机号="13700000000", 职务="副科长")  # fmt: skip
        result = import_members_file(self.xlsx([row]))
        self.assertEqual((result.created, result.updated), (0, 1))
        self.assertEqual(result.changes[0].fields, ["手机号", "职务"])
        w.person_a.refresh_from_db()
        self.assertEqual((w.person_a.phone, w.person_a.job_title), ("13700000000", "副科长"))
        self.assertEqual(Member.objects.count(), 2)

    def test_it_leaves_fields_alone_whose_columns_the_sheet_lacks(self):
        w = self.w
        phone = w.person_a.phone
        row = person(0, 姓名=w.person_a.name, 出生日期=w.person_a.birth_date, 身份证号=w.person_a.id_number,
                     入党日期=w.person_a.joined_party_on)  # fmt: skip
        headers = ["姓名", "民族", "出生日期", "身份证号", "人员类别", "入党日期", "所在组织编码"]
        result = import_members_file(self.xlsx([row], headers))
        self.assertEqual((result.updated, result.unchanged), (0, 1))
        w.person_a.refresh_from_db()
        self.assertEqual(w.person_a.phone, phone)

    def test_it_reads_columns_in_any_order_below_a_title_row(self):
        headers = list(reversed(HEADERS)) + ["备注"]
        result = import_members_file(self.xlsx([person(1, 备注="无关")], headers, title="2026年人员名册"))
        self.assertTrue(result.ok, result.errors)
        self.assertEqual(result.changes[0].row, 3)
        self.assertTrue(Member.objects.filter(name="王一", org=self.w.branch_a1).exists())

    def test_it_reads_excel_date_cells_and_text_dates_alike(self):
        born = dt.date(1984, 5, 6)
        number = make_id_number(born, region="110105", serial=9)
        path = self.xlsx([person(9, 出生日期="1984/05/06", 身份证号=number, 入党日期="2010.07.01")])
        self.assertTrue(import_members_file(path).ok)
        m = Member.objects.get(name="王九")
        self.assertEqual((m.birth_date, m.joined_party_on), (born, dt.date(2010, 7, 1)))

    def test_it_accepts_common_variants_of_the_labels(self):
        row = person(3, 性别="", 学历="硕士", 职级="正处", 人员类别="中共预备党员", 民族="蒙古")
        self.assertTrue(import_members_file(self.xlsx([row])).ok)
        m = Member.objects.get(name="王三")
        self.assertEqual((m.gender, m.education, m.cadre_rank, m.status, m.ethnicity),
                         ("M", "master", "division", "probationary", "蒙古族"))  # fmt: skip

    def test_it_creates_a_post_only_when_not_already_held(self):
        path = self.xlsx([person(1, 党内职务="支部书记、组织委员", 任职日期=dt.date(2023, 3, 1))])
        result = import_members_file(path)
        self.assertEqual(result.extra["新增党内职务"], 2)
        m = Member.objects.get(name="王一")
        self.assertEqual(sorted(m.posts.values_list("title", flat=True)), ["organization_member", "secretary"])
        self.assertEqual(m.posts.first().org, self.w.branch_a1)


class AuditTests(MemberImportCase):
    def test_it_writes_one_masked_audit_entry_per_person_and_a_summary(self):
        row = person(1)
        result = import_members_file(self.xlsx([row, person(2)]), actor=self.w.staff)
        summary = AuditEntry.objects.get(event="import")
        created = AuditEntry.objects.filter(event="create", content_type__model="member", cid=summary.cid)
        self.assertEqual(created.count(), 2)
        entry = created.get(object_repr="王一")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.org_id, self.w.branch_a1.pk)
        self.assertTrue(entry.cid.startswith("import-"))
        self.assertEqual(entry.changes["phone_masked"][1], "139****0001")
        self.assertTrue(summary.cid.startswith("import-"))
        self.assertEqual(summary.additional_data["created"], result.created)
        self.assertEqual(summary.additional_data["file"], result.file_name)
        for e in AuditEntry.objects.all():
            text = f"{e.changes} {e.object_repr} {e.additional_data}"
            self.assertNotIn(row["身份证号"], text)
            self.assertNotIn(row["手机号"], text)

    def test_it_records_an_update_with_old_and_new_values_masked(self):
        w = self.w
        row = person(0, 姓名=w.person_a.name, 出生日期=w.person_a.birth_date, 身份证号=w.person_a.id_number,
                     入党日期=w.person_a.joined_party_on, 手机号="13700000000")  # fmt: skip
        import_members_file(self.xlsx([row]), actor=w.staff)
        entry = AuditEntry.objects.filter(event="update", object_pk=str(w.person_a.pk)).latest("pk")
        self.assertEqual(entry.changes["phone_masked"][1], "137****0000")
        self.assertNotIn("13700000000", str(entry.changes))
