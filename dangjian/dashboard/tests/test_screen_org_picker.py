"""A screen link's organization: the kernel's picker (orgs.widgets), a search box once committee staff
see many organizations, offering those a screen may show."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.dashboard.models import ScreenLink
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX

from .helpers import DashboardTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class ScreenOrgPickerTests(DashboardTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.far = make_branches(self.w.org_a, SELECT_MAX)[-1]

    def test_the_form_has_a_search_box_offering_no_groups(self):
        make_org("A0101", "市财政局第一党支部第一党小组", OrgKind.GROUP, self.w.branch_a1)
        self.login_as(self.w.staff)
        html = self.client.get("/charts/screens/").content.decode()
        assert_org_search_box(self, html)
        found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市财政局第一"}).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
        self.assertNotIn("党小组", found)

    def test_a_link_is_made_for_an_organization_found_by_search_and_not_for_anothers(self):
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        self.assertContains(self.client.post("/charts/screens/", {"name": "大厅", "org": other.pk, "days": 7}), STALE)
        self.client.post("/charts/screens/", {"name": "大厅", "org": self.far.pk, "days": 7})
        self.assertEqual(ScreenLink.objects.get().org, self.far)
