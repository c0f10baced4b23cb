"""The role-grant form's organization: the kernel's picker (orgs.widgets), a search box once the
granter has many organizations, offering only those where they may grant."""

from __future__ import annotations

from django.urls import reverse

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.models import AuditEntry
from dangjian.core.testing import (
    BaseTestCase,
    MemberFactory,
    assert_org_search_box,
    make_branches,
    make_org,
    make_user,
    search_vals,
)
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX


class GrantOrgPickerTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.far = make_branches(self.w.org_a, SELECT_MAX)[-1]
        self.a2 = make_user("wang_a2", person=MemberFactory.create(name="王立新", org=self.w.branch_a2))

    def test_the_form_has_a_search_box_offering_where_the_granter_may_grant(self):
        self.login_as(self.w.admin_a)
        html = self.client.get("/accounts/roles/").content.decode()
        form = html[html.index('action="/accounts/roles/grant/"') :]
        assert_org_search_box(self, form)
        vals = search_vals(form)
        self.assertEqual(vals["value"], "code")
        found = self.client.get(reverse("orgs:pick"), {**vals, "q": "第一党支部"}).content.decode()
        self.assertIn('data-value="A01"', found)
        self.assertNotIn("市教育局", found)

    def test_a_role_is_granted_at_an_organization_found_by_search(self):
        self.login_as(self.w.admin_a)
        data = {"username": "wang_a2", "role": Role.EDITOR, "org": self.far.code}
        response = self.client.post("/accounts/roles/grant/", data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(RoleAssignment.objects.filter(user=self.a2, role=Role.EDITOR, org=self.far).exists())

    def test_another_committees_organization_is_refused_and_recorded(self):
        # Not a typing mistake (the form never offers it): a recorded 404, as before the picker.
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        data = {"username": "wang_a2", "role": Role.EDITOR, "org": other.code}
        self.assertEqual(self.client.post("/accounts/roles/grant/", data).status_code, 404)
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=self.w.staff).exists())
        self.assertFalse(RoleAssignment.objects.filter(user=self.a2, org=other).exists())

    def test_an_empty_organization_is_asked_for_in_chinese(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/accounts/roles/grant/", {"username": "wang_a2", "role": Role.EDITOR, "org": ""})
        self.assertContains(response, "请选择组织。")
