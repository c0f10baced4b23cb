"""The organization fields of the liaison forms: the kernel's picker (orgs.widgets), a search box
once the user sees many organizations, offering the visitable ones (not the committee, no 党小组)."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.liaison.models import LectureRequest
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX

from .helpers import LiaisonTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class LiaisonOrgPickerTests(LiaisonTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.far = make_branches(self.w.org_a, SELECT_MAX)[-1]

    def test_the_forms_have_a_search_box_offering_only_visitable_organizations(self):
        self.login_as(self.w.staff)
        for name in ("liaison:point_new", "liaison:lecture_new", "liaison:request_new"):
            html = self.client.get(reverse(name)).content.decode()
            assert_org_search_box(self, html)
        found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市直属机关工委"}).content.decode()
        self.assertIn(f'data-value="{self.office.pk}"', found)  # 市直属机关工委机关党支部
        self.assertNotIn(f'data-value="{self.w.committee.pk}"', found)

    def test_a_request_is_filed_for_an_organization_found_by_search_and_not_for_anothers(self):
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        url = reverse("liaison:request_new")
        self.assertContains(self.client.post(url, {"org": other.pk, "topic": "党章"}), STALE)
        self.client.post(url, {"org": self.far.pk, "topic": "党章"})
        self.assertEqual(LectureRequest.objects.get().org, self.far)
