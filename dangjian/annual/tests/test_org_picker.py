"""The new report's organization: the kernel's picker (orgs.widgets), a search box once the user sees
many organizations, checked against theirs."""

from __future__ import annotations

from django.urls import reverse

from dangjian.annual.models import AnnualReport
from dangjian.core.testing import BaseTestCase, assert_org_search_box, make_branches, make_org
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class ReportOrgPickerTests(BaseTestCase):
    def test_a_report_is_drafted_for_an_organization_found_by_search_and_not_for_anothers(self):
        far = make_branches(self.w.org_a, SELECT_MAX)[-1]
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        for url in (reverse("annual:reports"), reverse("annual:report_new")):
            assert_org_search_box(self, self.client.get(url).content.decode())
        self.assertContains(self.client.post(reverse("annual:report_new"), {"org": other.pk, "year": 2024}), STALE)
        response = self.client.post(reverse("annual:report_new"), {"org": far.pk, "year": 2024})
        report = AnnualReport.objects.get()
        self.assertRedirects(response, reverse("annual:report", args=[report.pk]), fetch_redirect_response=False)
        self.assertEqual(report.org, far)
