import datetime as dt

from dangjian.core.testing import make_id_number
from dangjian.people.forms import STALE_ORG
from dangjian.people.models import Member

from .helpers import RosterTestCase


class MemberCreateTests(RosterTestCase):
    def form(self, **changes):
        born = dt.date(1988, 8, 8)
        data = {
            "org": "A02",
            "name": "周新",
            "gender": "",
            "ethnicity": "达斡尔族",
            "birth_date": born.isoformat(),
            "id_number": make_id_number(born, male=False, serial=77),
            "phone": "138 0000 1111",
            "status": "probationary",
            "joined_party_on": "2025-07-01",
            "cadre_rank": "staff",
        }
        data.update(changes)
        return data

    def test_an_admin_adds_a_person_to_one_of_their_organizations(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/members/new/", self.form())
        person = Member.objects.get(name="周新")
        self.assertRedirects(response, f"/members/{person.pk}/", fetch_redirect_response=False)
        self.assertEqual(person.org, self.w.branch_a2)
        self.assertEqual(person.gender, "F")  # read from the ID number
        self.assertEqual(person.phone, "13800001111")
        self.assertEqual(person.name_initials, "zx")

    def test_an_organization_out_of_reach_is_refused_and_nothing_is_written(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/members/new/", self.form(org="B01"))
        self.assertContains(response, STALE_ORG)
        self.assertFalse(Member.objects.filter(name="周新").exists())

    def test_a_party_member_needs_a_joining_date(self):
        self.login_as(self.w.staff)
        response = self.client.post("/members/new/", self.form(joined_party_on=""))
        self.assertContains(response, "党员须填写入党日期")
        self.assertFalse(Member.objects.filter(name="周新").exists())

    def test_the_organization_can_be_chosen_in_advance(self):
        self.login_as(self.w.admin_a)
        response = self.client.get("/members/new/", {"org": "A01"})
        self.assertContains(response, '<option value="A01" selected>')

    def test_members_and_outsiders_get_a_recorded_404(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.post("/members/new/", self.form()), user)
        self.assertFalse(Member.objects.filter(name="周新").exists())
