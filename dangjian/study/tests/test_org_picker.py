"""The organization field of the central-group and training-class forms: the kernel's picker
(orgs.widgets), a search box once the user sees many organizations, checked against the user's own."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.testing import BaseTestCase, assert_org_search_box, make_branches, make_org, search_vals
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX
from dangjian.study.models import StudyGroup, TrainingClass

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"

CLASS = {
    "title": "财政局党务干部培训班",
    "audience": "party_cadres",
    "venue_kind": "party_school",
    "venue": "市委党校",
    "starts_on": "2030-04-01",
    "ends_on": "2030-04-03",
    "starts_at": "09:00",
    "hours": "12",
}


class StudyOrgPickerTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        other = make_org("QT", "另一工委", OrgKind.COMMITTEE)
        self.elsewhere = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, other)

    def test_the_group_form_saves_with_one_of_the_users_organizations(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/study/groups/new/", {"org": self.w.branch_a1.pk, "name": "财政局第一支部中心组", "kind": "leadership"}
        )
        group = StudyGroup.objects.get(name="财政局第一支部中心组")
        self.assertRedirects(response, f"/study/groups/{group.pk}/members/")
        self.assertEqual(group.org, self.w.branch_a1)

    def test_the_group_form_refuses_another_committees_organization(self):
        self.login_as(self.w.staff)
        response = self.client.post(
            "/study/groups/new/", {"org": self.elsewhere.pk, "name": "越权中心组", "kind": "leadership"}
        )
        self.assertContains(response, STALE)
        self.assertFalse(StudyGroup.objects.filter(name="越权中心组").exists())

    def test_an_empty_organization_asks_for_one(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/study/groups/new/", {"org": "", "name": "无组织中心组", "kind": "leadership"})
        self.assertContains(response, "请选择组织。")
        self.assertFalse(StudyGroup.objects.filter(name="无组织中心组").exists())

    def test_the_class_form_saves_and_refuses_like_the_group_form(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/study/training/new/", {"org": self.elsewhere.pk, **CLASS})
        self.assertContains(response, STALE)
        response = self.client.post("/study/training/new/", {"org": self.w.org_a.pk, **CLASS})
        klass = TrainingClass.objects.get(title=CLASS["title"])
        self.assertRedirects(response, f"/study/training/{klass.pk}/")
        self.assertEqual(klass.org, self.w.org_a)

    def test_both_forms_have_a_search_box_once_the_user_sees_many_organizations(self):
        make_branches(self.w.org_a, SELECT_MAX)
        make_org("A0101", "市财政局第一党支部第一党小组", OrgKind.GROUP, self.w.branch_a1)
        self.login_as(self.w.staff)
        for url in ("/study/groups/new/", "/study/training/new/"):
            html = self.client.get(url).content.decode()
            assert_org_search_box(self, html)
            # Its matches leave out 党小组, which hold neither.
            found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市财政局第一"}).content.decode()
            self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
            self.assertNotIn("党小组", found)
