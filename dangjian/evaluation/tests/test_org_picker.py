"""The round form's 评议范围: the kernel's picker (orgs.widgets), a search box once committee staff
see many organizations, offering the committee and the organizations whose secretaries report."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.evaluation.models import Round
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX

from .helpers import YEAR, EvaluationTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class RoundScopePickerTests(EvaluationTestCase):
    def test_a_round_is_started_over_an_organization_found_by_search_and_not_over_anothers(self):
        make_branches(self.w.org_a, SELECT_MAX)
        make_org("A0101", "市财政局第一党支部第一党小组", OrgKind.GROUP, self.w.branch_a1)
        other = make_org("QT", "另一工委", OrgKind.COMMITTEE)
        self.login_as(self.w.staff)
        html = self.client.get("/evaluation/new/").content.decode()
        assert_org_search_box(self, html, name="scope")
        self.assertIn(f'<input type="hidden" name="scope" value="{self.w.committee.pk}"', html)  # the first
        found = self.client.get(reverse("orgs:pick"), {**search_vals(html), "q": "市财政局第一"}).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
        self.assertNotIn("党小组", found)
        deadline = f"{timezone.localtime() + dt.timedelta(days=3):%Y-%m-%dT%H:%M}"
        data = {"year": YEAR, "title": "年度述职评议", "deadline": deadline}
        self.assertContains(self.client.post("/evaluation/new/", {**data, "scope": other.pk}), STALE)
        self.client.post("/evaluation/new/", {**data, "scope": self.w.org_a.pk})
        self.assertEqual(Round.objects.get().scope, self.w.org_a)
