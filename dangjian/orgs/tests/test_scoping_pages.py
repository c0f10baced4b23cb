"""Every organization page as each named user: staff, two admins, a member, an outsider."""

from django.urls import reverse

from dangjian.core.models import AuditEntry

from .helpers import OrgTestCase

LIST_PAGES = ["orgs:tree", "orgs:compliance", "orgs:export", "orgs:compliance_export",
              "orgs:affiliation_changes", "orgs:elections", "orgs:overdue"]  # fmt: skip


class OrgPageScopingTests(OrgTestCase):
    def get(self, user, name, *args, **params):
        self.login_as(user)
        return self.client.get(reverse(name, args=args), params)

    def test_committee_staff_see_every_organization_page(self):
        for code in ("GW", "A", "A01", "B", "B01"):
            self.assertEqual(self.get(self.w.staff, "orgs:detail", code).status_code, 200, code)

    def test_an_admin_sees_their_own_subtree(self):
        for code in ("A", "A01", "A02"):
            self.assertEqual(self.get(self.w.admin_a, "orgs:detail", code).status_code, 200, code)

    def test_an_admin_reaching_another_organization_gets_a_recorded_404(self):
        r = self.get(self.w.admin_a, "orgs:detail", "B01")
        self.assertDeniedAndRecorded(r, self.w.admin_a)
        entry = AuditEntry.objects.get(event="denied", actor=self.w.admin_a)
        self.assertEqual(entry.org_id, self.w.branch_b1.pk)
        self.assertEqual(entry.additional_data["path"], "/orgs/B01/")
        self.assertTrue(entry.additional_data["exists"])

    def test_an_admin_reaching_up_the_tree_gets_a_recorded_404(self):
        self.assertDeniedAndRecorded(self.get(self.w.admin_b, "orgs:detail", "GW"), self.w.admin_b)

    def test_a_missing_organization_is_a_recorded_404_too(self):
        r = self.get(self.w.staff, "orgs:detail", "NOPE")
        self.assertDeniedAndRecorded(r, self.w.staff)
        self.assertFalse(AuditEntry.objects.get(event="denied").additional_data["exists"])

    def test_members_and_outsiders_reach_no_organization_page(self):
        for user in (self.w.member, self.w.outsider):
            r = self.get(user, "orgs:detail", "A01")
            self.assertDeniedAndRecorded(r, user)

    def test_members_and_outsiders_reach_no_list_page(self):
        for user in (self.w.member, self.w.outsider):
            for name in LIST_PAGES:
                self.forget_audit_so_far()
                self.assertDeniedAndRecorded(self.get(user, name), user)

    def test_staff_and_admins_reach_every_list_page(self):
        for user in (self.w.staff, self.w.admin_a, self.w.admin_b):
            for name in LIST_PAGES:
                self.assertEqual(self.get(user, name).status_code, 200, (user, name))

    def test_an_admin_cannot_point_a_list_page_at_another_subtree(self):
        for name in ("orgs:compliance", "orgs:elections", "orgs:overdue", "orgs:affiliation_changes"):
            self.forget_audit_so_far()
            self.assertDeniedAndRecorded(self.get(self.w.admin_a, name, org="B", year=2025), self.w.admin_a)

    def test_the_roster_of_an_admin_holds_only_their_people(self):
        html = self.get(self.w.admin_a, "orgs:detail", "A").content.decode()
        self.assertIn("张建国", html)
        self.assertNotIn("李红梅", html)
