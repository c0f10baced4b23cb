from django.test import RequestFactory

from dangjian.core import scoping
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase
from dangjian.people.models import Member


class ScopingTests(BaseTestCase):
    def codes(self, user):
        return set(scoping.visible_orgs(user).values_list("code", flat=True))

    def test_committee_staff_see_the_whole_committee(self):
        self.assertEqual(self.codes(self.w.staff), {"GW", "A", "A01", "A02", "B", "B01"})

    def test_an_org_admin_sees_only_their_subtree(self):
        self.assertEqual(self.codes(self.w.admin_a), {"A", "A01", "A02"})
        self.assertEqual(self.codes(self.w.admin_b), {"B", "B01"})

    def test_a_member_sees_no_organization_and_only_their_own_record(self):
        self.assertEqual(self.codes(self.w.member), set())
        self.assertEqual(list(scoping.visible_members(self.w.member)), [self.w.person_a])

    def test_an_outsider_sees_nothing(self):
        self.assertEqual(self.codes(self.w.outsider), set())
        self.assertFalse(scoping.visible_members(self.w.outsider).exists())

    def test_people_follow_the_organizations(self):
        self.assertEqual(list(scoping.visible_members(self.w.admin_a)), [self.w.person_a])
        self.assertEqual(scoping.visible_members(self.w.staff).count(), Member.objects.count())

    def test_a_refused_lookup_is_a_recorded_404(self):
        request = RequestFactory().get(f"/members/{self.w.person_b.pk}/", REMOTE_ADDR="10.1.2.3")
        request.user = self.w.admin_a
        with self.assertRaises(scoping.Http404):
            scoping.get_visible_or_404(request, scoping.visible_members(self.w.admin_a), pk=self.w.person_b.pk)
        entry = AuditEntry.objects.filter(event="denied").get()
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.remote_addr, "10.1.2.3")
        self.assertEqual(entry.org_id, self.w.branch_b1.pk)
        self.assertTrue(entry.additional_data["exists"])

    def test_a_nested_role_does_not_widen_the_scope(self):
        from dangjian.accounts.models import Role, RoleAssignment

        RoleAssignment.objects.create(user=self.w.admin_a, role=Role.ORG_ADMIN, org=self.w.branch_a1)
        self.w.admin_a._dangjian_roles = None
        self.assertEqual(scoping.scope_paths(self.w.admin_a), [self.w.org_a.path])


class ScopedByOrgTests(BaseTestCase):
    def test_it_limits_any_model_with_an_org_to_the_users_subtrees(self):
        from dangjian.people.models import Post

        Post.objects.create(member=self.w.person_a, org=self.w.branch_a1, title="secretary", started_on="2024-01-01")
        Post.objects.create(member=self.w.person_b, org=self.w.branch_b1, title="secretary", started_on="2024-01-01")
        self.assertEqual([p.org.code for p in scoping.scoped_by_org(self.w.admin_a, Post.objects.all())], ["A01"])
        self.assertEqual(scoping.scoped_by_org(self.w.staff, Post.objects.all()).count(), 2)
        self.assertFalse(scoping.scoped_by_org(self.w.member, Post.objects.all()).exists())
