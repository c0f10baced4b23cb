"""Importing organizations from Excel: the tree, terms, units, idempotence, bad rows."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

from openpyxl import Workbook

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase
from dangjian.orgs.importing import import_orgs_file
from dangjian.orgs.models import Election, Organization, Unit

HEADERS = ["组织编码", "组织名称", "组织类别", "上级组织编码", "所在单位", "成立日期", "本届选举日期", "任期年数",
           "是否设支委会", "审批文号"]  # fmt: skip


def org_row(code: str, name: str, kind: str, parent: str, **fields) -> dict:
    row = {"组织编码": code, "组织名称": name, "组织类别": kind, "上级组织编码": parent}
    row.update(fields)
    return row


class OrgImportCase(BaseTestCase):
    def xlsx(self, rows: list[dict], headers: list[str] = HEADERS, *, title: str | None = None) -> str:
        wb = Workbook()
        ws = wb.active
        if title:
            ws.append([title])
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h) for h in headers])
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        wb.save(path)
        self.addCleanup(os.unlink, path)
        return path

    def errors(self, rows: list[dict], **kwargs) -> list[tuple]:
        count = Organization.objects.count()
        result = import_orgs_file(self.xlsx(rows), **kwargs)
        self.assertFalse(result.ok)
        self.assertEqual(Organization.objects.count(), count)
        return [(e.row, e.column, e.message) for e in result.errors]


class GoodFileTests(OrgImportCase):
    def test_it_builds_a_subtree_whose_parents_come_later_in_the_sheet(self):
        rows = [
            org_row("C0101", "市审计局第一党小组", "党小组", "C01"),
            org_row("C01", "市审计局党支部", "党支部", "C", 所在单位="市审计局、市统计局", 是否设支委会="是"),
            org_row("C", "市审计局机关党委", "党委", "GW", 成立日期="2001-07-01", 本届选举日期=dt.date(2022, 5, 10)),
        ]
        result = import_orgs_file(self.xlsx(rows, title="党组织名单"))
        self.assertTrue(result.ok, result.errors)
        self.assertEqual(result.created, 3)
        group = Organization.objects.get(code="C0101")
        self.assertEqual([o.code for o in Organization.objects.get_ancestors(group)], ["GW", "C", "C01"])
        branch = Organization.objects.get(code="C01")
        self.assertTrue(branch.has_branch_committee)
        self.assertEqual(sorted(branch.units.values_list("name", flat=True)), ["市审计局", "市统计局"])
        election = Election.objects.get(org__code="C")
        self.assertEqual((election.held_on, election.due_on), (dt.date(2022, 5, 10), dt.date(2027, 5, 10)))
        self.assertEqual(result.extra, {"新增换届记录": 1, "更新换届记录": 0, "新增机关单位": 2})

    def test_it_changes_nothing_when_the_same_file_is_imported_twice(self):
        rows = [
            org_row(
                "A03", "市财政局第三党支部", "党支部", "A", 所在单位="市财政局", 本届选举日期="2023-06-01", 任期年数=3
            ),
            org_row("A", "市财政局机关党委", "党委", "GW", 所在单位="市财政局"),
        ]
        path = self.xlsx(rows)
        first = import_orgs_file(path)
        self.assertEqual((first.created, first.updated, first.unchanged), (1, 0, 1))
        audit_count = AuditEntry.objects.count()
        again = import_orgs_file(path)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 2))
        self.assertEqual(AuditEntry.objects.count(), audit_count + 1)
        self.assertEqual(Election.objects.count(), 1)

    def test_it_updates_an_existing_organization_by_code(self):
        rows = [
            org_row(
                "A01",
                "市财政局第一党支部（联合）",
                "党支部",
                "A",
                所在单位="市财政局、市国资委",
                审批文号="市直工委〔2024〕3号",
            )
        ]
        result = import_orgs_file(self.xlsx(rows), actor=self.w.staff)
        self.assertEqual(result.updated, 1)
        self.assertEqual(result.changes[0].fields, ["组织名称", "审批文号", "所在单位"])
        a01 = Organization.objects.get(code="A01")
        self.assertEqual(a01.name, "市财政局第一党支部（联合）")
        self.assertTrue(Unit.objects.filter(name="市国资委").exists())
        entries = AuditEntry.objects.filter(event="update", object_pk=str(a01.pk), cid__startswith="import-")
        self.assertEqual({e.actor for e in entries}, {self.w.staff})
        changed = {key for e in entries for key in e.changes}
        self.assertEqual(changed, {"name", "approval_doc", "units"})

    def test_it_records_a_newer_election_and_keeps_the_older(self):
        import_orgs_file(self.xlsx([org_row("A01", "市财政局第一党支部", "党支部", "A", 本届选举日期="2020-03-01")]))
        result = import_orgs_file(
            self.xlsx([org_row("A01", "市财政局第一党支部", "党支部", "A", 本届选举日期="2023-03-01")])
        )
        self.assertTrue(result.ok, result.errors)
        self.assertEqual(
            list(Election.objects.values_list("held_on", flat=True)), [dt.date(2023, 3, 1), dt.date(2020, 3, 1)]
        )

    def test_it_only_validates_on_a_dry_run(self):
        result = import_orgs_file(self.xlsx([org_row("A03", "第三支部", "党支部", "A")]), dry_run=True)
        self.assertEqual(result.created, 1)
        self.assertFalse(Organization.objects.filter(code="A03").exists())
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())


class BadRowTests(OrgImportCase):
    def test_it_reports_a_parent_nobody_knows(self):
        found = self.errors([org_row("A03", "第三支部", "党支部", "ZZ")])
        self.assertEqual(found, [(2, "上级组织编码", "上级组织编码“ZZ”不存在（表中和系统中都没有）")])

    def test_it_checks_which_kind_may_sit_under_which(self):
        found = self.errors([org_row("A0101", "小组", "党小组", "A"), org_row("C", "党委", "党委", "")])
        self.assertEqual(found, [(2, "组织类别", "党委下不能设立党小组"), (3, "组织类别", "党委必须有上级组织")])

    def test_it_reports_a_cycle_on_every_row_of_it(self):
        found = self.errors(
            [org_row("X", "甲", "党委", "Y"), org_row("Y", "乙", "党委", "X"), org_row("Z", "丙", "党支部", "A")]
        )
        self.assertEqual([(r, c) for r, c, _ in found], [(2, "上级组织编码"), (3, "上级组织编码")])
        self.assertIn("循环", found[0][2])

    def test_it_refuses_to_move_an_organization(self):
        found = self.errors([org_row("A01", "市财政局第一党支部", "党支部", "B")])
        self.assertEqual(found[0][:2], (2, "上级组织编码"))
        self.assertIn("调整隶属关系须在组织页面办理", found[0][2])

    def test_it_reports_duplicate_codes_bad_dates_and_categories(self):
        found = self.errors([
            org_row("A03", "第三支部", "支部委员会", "A"),
            org_row("A04", "第四支部", "党支部", "A", 成立日期="2020-02-30"),
            org_row("A04", "第四支部", "党支部", "A"),
            org_row("A05", "第五支部", "党支部", "A", 是否设支委会="可能", 任期年数="三"),
        ])  # fmt: skip
        self.assertEqual(
            [(r, c) for r, c, _ in found],
            [(2, "组织类别"), (3, "成立日期"), (3, "组织编码"), (4, "组织编码"), (5, "任期年数"), (5, "是否设支委会")],
        )

    def test_it_refuses_an_election_for_a_group_or_older_than_the_last(self):
        Election.objects.create(org=self.w.branch_a1, held_on=dt.date(2023, 1, 1))
        found = self.errors([
            org_row("A01", "市财政局第一党支部", "党支部", "A", 本届选举日期="2021-01-01"),
            org_row("A0101", "小组", "党小组", "A01", 本届选举日期="2021-01-01"),
        ])  # fmt: skip
        self.assertEqual([(r, c) for r, c, _ in found], [(2, "本届选举日期"), (3, "本届选举日期")])

    def test_it_keeps_the_children_of_an_organization_whose_kind_changes_valid(self):
        found = self.errors([org_row("A", "市财政局党支部", "党支部", "GW")])
        self.assertEqual(found[0][:2], (2, "组织类别"))
        self.assertIn("改为党支部后，下级组织“市财政局第一党支部”（党支部）不能设在其下", found[0][2])
        result = import_orgs_file(self.xlsx([org_row("A", "市财政局机关党总支", "党总支", "GW")]))
        self.assertTrue(result.ok, result.errors)  # branches may sit under a general branch
        self.assertEqual(Organization.objects.get(code="A").kind, "general_branch")

    def test_it_reports_a_missing_header(self):
        result = import_orgs_file(self.xlsx([org_row("A03", "第三支部", "党支部", "A")], HEADERS[:2]))
        self.assertIn("缺少必填列：组织类别、上级组织编码", result.errors[0].message)
