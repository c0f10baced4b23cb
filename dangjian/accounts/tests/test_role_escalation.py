"""Nobody grants a role above or outside the subtree they hold (each attempt is a recorded 404)."""

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase


class EscalationTests(BaseTestCase):
    def grant(self, by, username, role, org_code):
        self.login_as(by)
        return self.client.post("/accounts/roles/grant/", {"username": username, "role": role, "org": org_code})

    def assertRefusedAndRecorded(self, response, by, **holds):
        self.assertEqual(response.status_code, 404)
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=by).exists(), "the attempt was not recorded")
        self.assertFalse(RoleAssignment.objects.filter(**holds).exists(), "the role was granted anyway")

    def test_an_org_admin_cannot_grant_at_another_organization(self):
        response = self.grant(self.w.admin_a, "member", Role.ORG_ADMIN, "B")
        self.assertRefusedAndRecorded(response, self.w.admin_a, user=self.w.member, org=self.w.org_b)

    def test_an_org_admin_cannot_grant_committee_staff_at_the_root(self):
        response = self.grant(self.w.admin_a, "member", Role.COMMITTEE_STAFF, "GW")
        self.assertRefusedAndRecorded(response, self.w.admin_a, user=self.w.member, role=Role.COMMITTEE_STAFF)

    def test_an_org_admin_cannot_grant_committee_staff_even_inside_their_subtree(self):
        response = self.grant(self.w.admin_a, "member", Role.COMMITTEE_STAFF, "A01")
        self.assertRefusedAndRecorded(response, self.w.admin_a, user=self.w.member, role=Role.COMMITTEE_STAFF)

    def test_an_org_admin_cannot_grant_up_the_tree(self):
        response = self.grant(self.w.admin_a, "member", Role.ORG_ADMIN, "GW")
        self.assertRefusedAndRecorded(response, self.w.admin_a, user=self.w.member, org=self.w.committee)

    def test_the_system_administrator_cannot_make_themselves_auditor(self):
        response = self.grant(self.w.sysadmin, "sysadmin", Role.AUDITOR, "GW")
        self.assertRefusedAndRecorded(response, self.w.sysadmin, user=self.w.sysadmin, role=Role.AUDITOR)

    def test_the_system_administrator_cannot_make_anyone_an_administrator_from_the_web(self):
        for role in (Role.AUDITOR, Role.SECADMIN, Role.SYSADMIN):
            response = self.grant(self.w.sysadmin, "member", role, "GW")
            self.assertRefusedAndRecorded(response, self.w.sysadmin, user=self.w.member, role=role)

    def test_a_member_posting_to_the_grant_endpoint_gets_a_recorded_404(self):
        response = self.grant(self.w.member, "member", Role.ORG_ADMIN, "A01")
        self.assertRefusedAndRecorded(response, self.w.member, user=self.w.member)

    def test_the_other_administrators_cannot_grant(self):
        for admin in (self.w.secadmin, self.w.auditor):
            response = self.grant(admin, "member", Role.EDITOR, "A01")
            self.assertRefusedAndRecorded(response, admin, user=self.w.member)

    def test_an_org_admin_cannot_give_themselves_more(self):
        self.grant(self.w.admin_a, "admin_a", Role.EDITOR, "A01")
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.admin_a, role=Role.EDITOR).exists())

    def test_an_org_admin_cannot_reach_an_account_of_another_subtree(self):
        response = self.grant(self.w.admin_a, "admin_b", Role.EDITOR, "A01")
        self.assertRefusedAndRecorded(response, self.w.admin_a, user=self.w.admin_b, role=Role.EDITOR)

    def test_an_org_admin_cannot_revoke_roles_outside_their_subtree(self):
        self.login_as(self.w.admin_a)
        theirs = RoleAssignment.objects.get(user=self.w.admin_b)
        self.assertEqual(self.client.post(f"/accounts/roles/{theirs.pk}/revoke/").status_code, 404)
        self.assertTrue(RoleAssignment.objects.filter(pk=theirs.pk).exists())

    def test_nobody_revokes_their_own_role(self):
        self.login_as(self.w.staff)
        own = RoleAssignment.objects.get(user=self.w.staff)
        self.client.post(f"/accounts/roles/{own.pk}/revoke/")
        self.assertTrue(RoleAssignment.objects.filter(pk=own.pk).exists())


class GrantTests(BaseTestCase):
    def test_an_org_admin_grants_within_their_subtree_and_the_trail_says_who_and_where(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/accounts/roles/grant/", {"username": "member", "role": Role.EDITOR, "org": "A01"}, REMOTE_ADDR="10.5.5.5"
        )
        self.assertRedirects(response, "/accounts/roles/", fetch_redirect_response=False)
        assignment = RoleAssignment.objects.get(user=self.w.member, role=Role.EDITOR)
        self.assertEqual(assignment.org, self.w.branch_a1)
        entry = AuditEntry.objects.filter(event="role_granted").latest("pk")
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.remote_addr, "10.5.5.5")
        self.assertEqual(entry.org_id, self.w.branch_a1.pk)
        self.assertEqual(entry.additional_data["account"], "member")
        self.assertEqual(entry.additional_data["role"], "editor")
        self.assertEqual(entry.additional_data["org_code"], "A01")

    def test_revoking_is_recorded_with_who_and_where(self):
        assignment = RoleAssignment.objects.create(user=self.w.member, role=Role.REVIEWER, org=self.w.branch_a2)
        self.login_as(self.w.staff)
        self.client.post(f"/accounts/roles/{assignment.pk}/revoke/")
        self.assertFalse(RoleAssignment.objects.filter(pk=assignment.pk).exists())
        entry = AuditEntry.objects.get(event="role_revoked")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.org_id, self.w.branch_a2.pk)
        self.assertEqual(entry.additional_data["role_label"], "审核")

    def test_committee_staff_grant_anywhere_below_the_committee(self):
        self.login_as(self.w.staff)
        self.client.post("/accounts/roles/grant/", {"username": "member", "role": Role.ORG_ADMIN, "org": "B01"})
        self.assertTrue(
            RoleAssignment.objects.filter(user=self.w.member, role=Role.ORG_ADMIN, org=self.w.branch_b1).exists()
        )

    def test_the_system_administrator_grants_no_domain_role(self):
        # Issue 10: this was the chain to the whole roster (committee_staff at the root).
        self.login_as(self.w.sysadmin)
        response = self.client.post(
            "/accounts/roles/grant/", {"username": "outsider", "role": Role.COMMITTEE_STAFF, "org": "GW"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.outsider, role=Role.COMMITTEE_STAFF).exists())

    def test_committee_staff_grant_to_an_account_placed_nowhere_yet(self):
        self.login_as(self.w.staff)
        self.client.post("/accounts/roles/grant/", {"username": "outsider", "role": Role.COMMITTEE_STAFF, "org": "GW"})
        self.assertTrue(RoleAssignment.objects.filter(user=self.w.outsider, role=Role.COMMITTEE_STAFF).exists())

    def test_an_empty_form_comes_back_with_chinese_errors(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/accounts/roles/grant/", {})
        self.assertContains(response, "请填写用户名")
        self.assertContains(response, "请选择角色")


class RolesPageTests(BaseTestCase):
    def test_it_shows_who_holds_which_role_where_in_the_viewers_subtree(self):
        RoleAssignment.objects.create(user=self.w.member, role=Role.EDITOR, org=self.w.branch_a1)
        self.login_as(self.w.admin_a)
        response = self.client.get("/accounts/roles/")
        self.assertContains(response, "市财政局第一党支部")
        self.assertContains(response, "编辑")
        self.assertContains(response, "admin_a")
        self.assertNotContains(response, "admin_b")
        self.assertNotContains(response, "市教育局机关党委")

    def test_committee_staff_see_every_role_of_the_committee(self):
        self.login_as(self.w.staff)
        response = self.client.get("/accounts/roles/")
        for username in ("admin_a", "admin_b", "sysadmin", "auditor"):
            self.assertContains(response, username)

    def test_it_filters_by_role_and_organization(self):
        self.login_as(self.w.staff)
        response = self.client.get("/accounts/roles/", {"org": "B"})
        self.assertContains(response, "admin_b")
        self.assertNotContains(response, ">admin_a<")
        response = self.client.get("/accounts/roles/", {"role": Role.AUDITOR})
        self.assertContains(response, "auditor")
        self.assertNotContains(response, "admin_b")
