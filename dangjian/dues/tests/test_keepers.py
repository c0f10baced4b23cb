"""Dues keepers: appointed by the organization's administrators or committee staff, revoked once;
a keeper keeps the dues of that organization only and sees its bases."""

from dangjian.core.errors import codes_of
from dangjian.core.testing import make_user
from dangjian.dues import permissions, services
from dangjian.dues.models import KeeperStatus

from .helpers import DuesTestCase


class KeeperTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        self.keeper_user = make_user("keeper", person=self.a1_second)

    def test_the_administrator_appoints_and_the_keeper_keeps_that_branch_only(self):
        self.assertFalse(permissions.uses_dues(self.keeper_user))
        keeper = services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.admin_a)
        self.keeper_user = type(self.keeper_user).objects.get(pk=self.keeper_user.pk)  # fresh per-request caches
        self.assertTrue(permissions.can_keep(self.keeper_user, self.w.branch_a1))
        self.assertFalse(permissions.can_keep(self.keeper_user, self.w.branch_a2))
        self.assertTrue(permissions.can_see_bases(self.keeper_user, self.w.branch_a1))
        self.assertEqual(keeper.status, KeeperStatus.ACTIVE)

    def test_only_bases_keepers_and_committee_staff_see_bases(self):
        services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.staff)
        self.assertTrue(permissions.can_see_bases(self.w.staff, self.w.branch_a1))
        self.assertFalse(permissions.can_see_bases(self.w.admin_a, self.w.branch_a1))
        self.assertTrue(permissions.can_see_base_of(self.w.member, self.w.person_a, self.w.branch_a1))
        self.assertFalse(permissions.can_see_base_of(self.w.member, self.a1_second, self.w.branch_a1))

    def test_an_outsider_of_the_organization_cannot_appoint_and_twice_is_refused(self):
        with self.assertRaises(Exception) as caught:
            services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.admin_b)
        self.assertEqual(codes_of(caught.exception), {"dues_not_allowed"})
        services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.admin_a)
        with self.assertRaises(Exception) as caught:
            services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.admin_a)
        self.assertEqual(codes_of(caught.exception), {"dues_keeper_exists"})

    def test_a_revoked_keeper_keeps_nothing_and_is_revoked_once(self):
        keeper = services.keeper_appoint(org=self.w.branch_a1, user=self.keeper_user, by=self.w.admin_a)
        revoked = services.keeper_revoke(keeper=keeper, by=self.w.admin_a)
        self.assertEqual(revoked.status, KeeperStatus.REVOKED)
        self.assertIsNotNone(revoked.revoked_at)
        fresh = type(self.keeper_user).objects.get(pk=self.keeper_user.pk)
        self.assertFalse(permissions.uses_dues(fresh))
        with self.assertRaises(Exception) as caught:
            services.keeper_revoke(keeper=revoked, by=self.w.admin_a)
        self.assertEqual(codes_of(caught.exception), {"dues_keeper_revoked"})


class KeeperPageTests(DuesTestCase):
    def test_a_keeper_without_a_role_gets_the_menu_entry_and_their_branchs_pages(self):
        user = make_user("keeper", person=self.a1_second)
        services.keeper_appoint(org=self.w.branch_a1, user=user, by=self.w.admin_a)
        self.login_as(user)
        response = self.client.get("/dues/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["org"], self.w.branch_a1)
        self.assertContains(response, 'href="/dues/"')
        self.assertEqual(self.client.get("/dues/?org=A").status_code, 404)
        page = self.client.get("/dues/keepers/")
        self.assertEqual(page.status_code, 200)
        self.assertFalse(page.context["can_appoint"])
        self.assertEqual(self.client.post("/dues/keepers/", {"user": user.pk}).status_code, 404)
