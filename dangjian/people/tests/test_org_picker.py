"""The organization fields of the roster forms (new person, transfer): the kernel's picker
(orgs.widgets), a search box once the user sees many organizations, submitting codes."""

from __future__ import annotations

import datetime as dt

from dangjian.core.testing import assert_org_search_box, make_branches, make_id_number, make_org
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX
from dangjian.people.forms import STALE_ORG
from dangjian.people.models import Member

from .helpers import RosterTestCase

BORN = dt.date(1990, 5, 5)
PERSON = {
    "name": "周远",
    "ethnicity": "汉族",
    "birth_date": BORN.isoformat(),
    "id_number": make_id_number(BORN, male=True, serial=55),
    "status": "full",
    "joined_party_on": "2015-07-01",
}


class RosterOrgPickerTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.far = make_branches(self.w.org_a, SELECT_MAX)[-1]
        other = make_org("QT", "另一工委", OrgKind.COMMITTEE)
        self.elsewhere = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, other)

    def test_the_new_person_form_has_a_search_box_and_keeps_a_choice_made_in_advance(self):
        self.login_as(self.w.staff)
        html = self.client.get("/members/new/", {"org": self.far.code}).content.decode()
        assert_org_search_box(self, html)
        self.assertIn(f'<input type="hidden" name="org" value="{self.far.code}"', html)
        self.assertIn(f'value="{self.far.name}"', html)

    def test_a_person_is_added_to_an_organization_found_by_search(self):
        self.login_as(self.w.staff)
        response = self.client.post("/members/new/", {**PERSON, "org": self.far.code})
        person = Member.objects.get(name="周远")
        self.assertRedirects(response, f"/members/{person.pk}/", fetch_redirect_response=False)
        self.assertEqual(person.org, self.far)

    def test_another_committees_organization_is_refused_in_both_forms(self):
        self.login_as(self.w.staff)
        self.assertContains(self.client.post("/members/new/", {**PERSON, "org": self.elsewhere.code}), STALE_ORG)
        self.assertFalse(Member.objects.filter(name="周远").exists())
        url = f"/members/{self.w.person_a.pk}/transfer/"
        data = {"to_org": self.elsewhere.code, "transferred_on": "2025-03-01", "reason": "工作调动"}
        self.assertContains(self.client.post(url, data), STALE_ORG)
        self.w.person_a.refresh_from_db()
        self.assertNotEqual(self.w.person_a.org, self.elsewhere)

    def test_the_transfer_form_has_a_search_box_and_moves_the_person(self):
        self.login_as(self.w.staff)
        url = f"/members/{self.w.person_a.pk}/transfer/"
        assert_org_search_box(self, self.client.get(url).content.decode(), name="to_org")
        response = self.client.post(
            url, {"to_org": self.far.code, "transferred_on": "2025-03-01", "reason": "工作调动"}
        )
        self.assertRedirects(response, f"/members/{self.w.person_a.pk}/", fetch_redirect_response=False)
        self.w.person_a.refresh_from_db()
        self.assertEqual(self.w.person_a.org, self.far)
