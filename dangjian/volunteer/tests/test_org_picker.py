"""The organization field of the new-brigade form: the kernel's picker (orgs.widgets), a search box
once the user sees many organizations, offering those down to the third level."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX
from dangjian.volunteer.models import Brigade

from .helpers import VolunteerTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class BrigadeOrgPickerTests(VolunteerTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.far = make_branches(self.w.org_a, SELECT_MAX)[-1]

    def test_the_form_has_a_search_box_whose_matches_stop_at_the_third_level(self):
        make_org("A0101", "市财政局第一党支部第一党小组", OrgKind.GROUP, self.w.branch_a1)
        self.login_as(self.w.staff)
        html = self.client.get("/volunteer/brigades/new/").content.decode()
        assert_org_search_box(self, html)
        found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市财政局第一"}).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
        self.assertNotIn("党小组", found)

    def test_it_founds_a_brigade_under_an_organization_found_by_search(self):
        self.login_as(self.w.staff)
        data = {"org": self.far.pk, "name": "专项工作突击支队", "founded_on": "2025-03-01"}
        response = self.client.post("/volunteer/brigades/new/", data)
        brigade = Brigade.objects.get(name="专项工作突击支队")
        self.assertRedirects(response, f"/volunteer/brigades/{brigade.pk}/")
        self.assertEqual(brigade.org, self.far)

    def test_it_refuses_another_committees_organization(self):
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        data = {"org": other.pk, "name": "越权支队", "founded_on": "2025-03-01"}
        self.assertContains(self.client.post("/volunteer/brigades/new/", data), STALE)
        self.assertFalse(Brigade.objects.filter(name="越权支队").exists())
