import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.models import AuditEntry
from dangjian.core.testing import UnitFactory
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people, elect, give_post


class OrgExportTests(OrgTestCase):
    def export(self, user):
        self.login_as(user)
        r = self.client.get(reverse("orgs:export"))
        self.assertEqual(r.status_code, 200)
        rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
        return rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}

    def test_it_exports_every_visible_organization_with_counts_secretary_and_term(self):
        self.w.branch_a1.units.add(UnitFactory(name="市审计局"))
        add_people(self.w.branch_a1, 3)
        add_people(self.w.branch_a1, 1, Status.PROBATIONARY)
        give_post(self.w.branch_a1, name="孙书记")
        elect(self.w.branch_a1, dt.date(2023, 4, 1))
        headers, rows = self.export(self.w.staff)
        self.assertEqual(set(rows), {"GW", "A", "A01", "A02", "B", "B01"})
        a01 = rows["A01"]
        self.assertEqual(a01["组织类别"], "党支部")
        self.assertEqual(a01["上级组织编码"], "A")
        self.assertEqual(a01["所在单位"], "市审计局、市财政局")
        self.assertEqual(a01["党员数（含下级）"], 6)  # 张建国, 3 full, 1 probationary, 孙书记
        self.assertEqual(a01["书记"], "孙书记")
        self.assertEqual(a01["换届到期日"].date(), dt.date(2026, 4, 1))

    def test_an_admin_exports_only_their_subtree(self):
        _, rows = self.export(self.w.admin_b)
        self.assertEqual(set(rows), {"B", "B01"})

    def test_the_export_is_recorded(self):
        self.export(self.w.admin_a)
        entry = AuditEntry.objects.get(event="export")
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.additional_data["rows"], 3)

    def test_a_formula_in_a_name_is_neutralized(self):
        self.w.branch_b1.name = '=HYPERLINK("http://x")'
        self.w.branch_b1.save()
        _, rows = self.export(self.w.staff)
        self.assertTrue(rows["B01"]["组织名称"].startswith("'="))
