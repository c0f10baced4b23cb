import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.models import AuditEntry

from .helpers import OrgTestCase, add_people, give_post


class CompliancePageTests(OrgTestCase):
    def get(self, user=None, **params):
        self.login_as(user or self.w.staff)
        return self.client.get(reverse("orgs:compliance"), params)

    def test_it_lists_the_findings_of_the_whole_visible_tree_with_counts_per_code(self):
        r = self.get()
        self.assertEqual(r.status_code, 200)
        codes = {f.org_code for f in r.context["findings"]}
        self.assertEqual(codes, {"GW", "A", "A01", "A02", "B", "B01"})
        counts = {code: n for code, _, n in r.context["counts"]}
        self.assertEqual(counts["NO_SECRETARY"], 6)
        self.assertEqual(counts["BRANCH_TOO_FEW_MEMBERS"], 3)
        self.assertContains(r, "无现任书记")
        self.assertContains(r, "依据")

    def test_it_filters_by_code(self):
        r = self.get(code="BRANCH_TOO_FEW_MEMBERS")
        self.assertEqual({f.code for f in r.context["findings"]}, {"BRANCH_TOO_FEW_MEMBERS"})
        self.assertEqual(len(r.context["findings"]), 3)

    def test_it_filters_by_organization_subtree(self):
        give_post(self.w.branch_b1)
        r = self.get(org="B")
        self.assertEqual({f.org_code for f in r.context["findings"]}, {"B", "B01"})
        self.assertNotIn("NO_SECRETARY", {f.code for f in r.context["findings"] if f.org_code == "B01"})

    def test_an_admin_sees_only_their_subtree(self):
        r = self.get(self.w.admin_a)
        self.assertEqual({f.org_code for f in r.context["findings"]}, {"A", "A01", "A02"})

    def test_a_fixed_organization_drops_out(self):
        add_people(self.w.branch_a2, 3)
        r = self.get(code="BRANCH_TOO_FEW_MEMBERS")
        self.assertNotIn("A02", {f.org_code for f in r.context["findings"]})

    def test_a_member_gets_a_recorded_404(self):
        self.assertDeniedAndRecorded(self.get(self.w.member), self.w.member)


class ComplianceExportTests(OrgTestCase):
    def test_it_exports_the_filtered_findings_and_records_the_export(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("orgs:compliance_export"), {"code": "NO_SECRETARY"})
        self.assertEqual(r.status_code, 200)
        self.assertIn("spreadsheetml", r["Content-Type"])
        ws = load_workbook(io.BytesIO(r.content)).active
        rows = list(ws.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("规则代码", "问题类别", "组织编码", "组织名称", "问题说明", "依据"))
        self.assertEqual({row[2] for row in rows[1:]}, {"A", "A01", "A02"})
        entry = AuditEntry.objects.get(event="export")
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.additional_data["rows"], 3)
