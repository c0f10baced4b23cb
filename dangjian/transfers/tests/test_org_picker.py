"""The organization fields of an incoming letter (addressed to, placed in): the kernel's picker
(orgs.widgets), search boxes once the user sees many organizations."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dangjian.core.testing import assert_org_search_box, make_branches, make_id_number, make_org, search_vals
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX
from dangjian.people.models import Member
from dangjian.transfers.models import InLetter

from .helpers import TODAY, TransfersTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"
BORN = dt.date(1990, 5, 6)


class InLetterOrgPickerTests(TransfersTestCase):
    def test_a_letter_is_received_at_organizations_found_by_search_and_not_at_anothers(self):
        far = make_branches(self.w.org_a, SELECT_MAX)[-1]
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        html = self.client.get("/transfers/in/new/").content.decode()
        assert_org_search_box(self, html, name="org")
        assert_org_search_box(self, html, name="place_in")
        place_in = html[html.index('name="place_in"') :]
        found = self.client.get(reverse("orgs:pick"), {**search_vals(place_in), "q": "市财政局"}).content.decode()
        self.assertIn(f'data-value="{self.w.branch_a1.pk}"', found)
        self.assertNotIn(f'data-value="{self.w.org_a.pk}"', found)  # a member is placed in a branch
        data = {"number": "X1", "origin_name": "外省党委", "received_on": TODAY.isoformat(), "org": self.w.org_a.pk,
                "name": "孙立新", "ethnicity": "汉族", "birth_date": BORN.isoformat(),
                "id_number": make_id_number(BORN, serial=9), "party_status": "full",
                "joined_party_on": "2015-07-01"}  # fmt: skip
        self.assertContains(self.client.post("/transfers/in/new/", {**data, "place_in": other.pk}), STALE)
        self.assertFalse(InLetter.objects.exists())
        self.client.post("/transfers/in/new/", {**data, "place_in": far.pk})
        self.assertEqual(Member.objects.get(name="孙立新").org, far)
