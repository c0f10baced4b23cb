"""The case form's branch: the kernel's picker (orgs.widgets), a search box once the user sees many
branches, offering branches only."""

from __future__ import annotations

from django.urls import reverse

from dangjian.admission.models import Case
from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX

from .helpers import AdmissionTestCase, adult_id

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class CaseOrgPickerTests(AdmissionTestCase):
    def test_the_form_offers_branches_by_search_and_receives_an_application_at_one(self):
        far = make_branches(self.w.org_a, SELECT_MAX)[-1]
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        html = self.client.get(f"/admission/cases/new/?org={far.code}").content.decode()
        assert_org_search_box(self, html)
        self.assertIn(f'<input type="hidden" name="org" value="{far.pk}"', html)
        found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市财政局"}).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
        self.assertNotIn(f'data-value="{self.w.org_a.pk}"', found)  # a party committee receives none
        data = {"name": "赵甲", "id_number": adult_id(4), "ethnicity": "汉族", "applied_on": "2025-06-01"}
        self.assertContains(self.client.post("/admission/cases/new/", {**data, "org": other.pk}), STALE)
        self.client.post("/admission/cases/new/", {**data, "org": far.pk})
        self.assertEqual(Case.objects.get(name="赵甲").org, far)
