"""The corps, brigades under organizations, teams and their members, pairings."""

from __future__ import annotations

import datetime as dt

from dangjian.core.testing import MemberFactory, make_org
from dangjian.orgs.models import OrgKind
from dangjian.volunteer import services
from dangjian.volunteer.models import ActivityKind, Brigade, Corps, Team, Volunteer
from dangjian.volunteer.services.activities import ActivityData

from .helpers import VolunteerTestCase, make_activity, people


class StructureTests(VolunteerTestCase):
    def test_it_sets_up_one_corps_per_committee_through_the_page(self):
        self.login_as(self.w.staff)
        response = self.client.post(
            "/volunteer/corps/",
            {"name": "市直机关党员志愿服务总队", "handler_name": "孙经办", "contact_phone": "0471-1234567"},
        )
        self.assertRedirects(response, "/volunteer/brigades/")
        corps = Corps.objects.get(org=self.w.committee)
        self.assertEqual((corps.handler_name, corps.contact_phone), ("孙经办", "0471-1234567"))
        self.assertEqual(Corps.objects.count(), 1)

    def test_it_keeps_the_corps_page_for_committee_staff(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/volunteer/corps/").status_code, 404)

    def test_it_founds_a_brigade_under_an_organization_the_administrator_holds(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/volunteer/brigades/new/",
            {"org": self.w.branch_a1.pk, "name": "财政局青年突击支队", "founded_on": "2025-03-01"},
        )
        brigade = Brigade.objects.get(name="财政局青年突击支队")
        self.assertRedirects(response, f"/volunteer/brigades/{brigade.pk}/")
        self.assertEqual((brigade.org, brigade.corps), (self.w.branch_a1, self.corps))

    def test_it_refuses_an_organization_outside_the_administrators_reach(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/volunteer/brigades/new/", {"org": self.w.org_b.pk, "name": "越权支队", "founded_on": "2025-03-01"}
        )
        # The kernel's organization picker (core.web.OrgChoiceField) says why, in place of Django's
        # "选择一个有效的选项".
        self.assertContains(response, "所选组织不存在或不在您的管理范围内")
        self.assertFalse(Brigade.objects.filter(name="越权支队").exists())

    def test_it_refuses_a_brigade_before_the_corps_exists(self):
        other = make_org("GW2", "另一工委", OrgKind.COMMITTEE)
        pc = make_org("GW2A", "另一机关党委", OrgKind.PARTY_COMMITTEE, other)
        with self.assertRefused("no_corps", "尚未设立志愿服务总队"):
            services.brigade_create(org=pc, name="先有支队", founded_on=dt.date(2025, 1, 1))

    def test_it_refuses_a_leader_from_outside_the_brigades_organization(self):
        with self.assertRefused("leader_outside", "负责人须为"):
            services.brigade_update(
                brigade=self.brigade_a, name=self.brigade_a.name, leader=self.w.person_b,
                founded_on=self.brigade_a.founded_on, dissolved_on=None,
            )  # fmt: skip

    def test_it_moves_a_volunteer_who_joins_another_team(self):
        first = services.team_create(brigade=self.brigade_a, name="第一分队")
        second = services.team_create(brigade=self.brigade_a, name="第二分队")
        services.team_member_add(team=first, member=self.w.person_a)
        services.team_member_add(team=second, member=self.w.person_a)
        self.assertEqual(Volunteer.objects.get(member=self.w.person_a).team, second)
        self.assertEqual(first.volunteers.count(), 0)

    def test_it_adds_and_removes_team_members_from_the_team_page(self):
        team = services.team_create(brigade=self.brigade_a, name="第一分队")
        newcomer = MemberFactory(name="新队员", org=self.w.branch_a2)
        self.login_as(self.w.admin_a)
        self.client.post(f"/volunteer/teams/{team.pk}/members/add/", {"member": newcomer.pk})
        volunteer = Volunteer.objects.get(member=newcomer)
        self.assertEqual(volunteer.team, team)
        self.assertContains(self.client.get(f"/volunteer/teams/{team.pk}/"), "新队员")
        self.client.post(f"/volunteer/teams/{team.pk}/members/{volunteer.pk}/remove/")
        volunteer.refresh_from_db()
        self.assertIsNone(volunteer.team)

    def test_it_makes_the_team_leader_a_member_of_the_team(self):
        leader = people(self.w.branch_a1, 1)[0]
        team = services.team_create(brigade=self.brigade_a, name="第三分队", leader=leader)
        self.assertEqual(Volunteer.objects.get(member=leader).team, team)

    def test_it_shows_the_overview_with_members_activities_and_hours(self):
        team = Team.objects.create(brigade=self.brigade_a, name="第一分队")
        for m in people(self.w.branch_a1, 3):
            services.team_member_add(team=team, member=m)
        self.login_as(self.w.staff)
        page = self.client.get("/volunteer/brigades/")
        rows = {b.name: b for b in page.context["brigades"]}
        self.assertEqual(rows[self.brigade_a.name].volunteer_count, 3)
        self.assertEqual(rows[self.brigade_a.name].team_count, 1)
        self.assertEqual(rows[self.brigade_a.name].activity_count, 1)
        self.assertEqual(rows[self.brigade_b.name].volunteer_count, 0)


class PairingTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.pairing = services.pairing_save(
            brigade=self.brigade_a, community="新华街道光明社区", signed_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2099, 12, 31),
        )  # fmt: skip

    def data(self, **over) -> ActivityData:
        a = make_activity(self.brigade_a)
        fields = dict(
            brigade=self.brigade_a, title="结对共建：政策宣讲", kind=ActivityKind.PAIRING, place="光明社区",
            starts_at=a.starts_at, ends_at=a.ends_at, places=10, pairing=self.pairing,
        )  # fmt: skip
        fields.update(over)
        return ActivityData(**fields)

    def test_it_lists_the_activities_done_under_the_agreement(self):
        activity = services.activity_create(data=self.data())
        self.login_as(self.w.admin_a)
        self.assertContains(self.client.get(f"/volunteer/pairings/{self.pairing.pk}/"), activity.title)

    def test_it_refuses_an_activity_outside_the_agreement_dates(self):
        self.pairing.ends_on = dt.date(2024, 12, 31)
        self.pairing.save()
        with self.assertRefused("pairing_out_of_dates", "不在结对共建协议有效期内"):
            services.activity_create(data=self.data())

    def test_it_requires_the_pairing_kind_under_an_agreement(self):
        with self.assertRefused("pairing_kind_required", "结对共建"):
            services.activity_create(data=self.data(kind=ActivityKind.TRAFFIC))

    def test_it_refuses_agreement_dates_in_the_wrong_order(self):
        with self.assertRefused("dates_reversed", "到期日期不能早于签订日期"):
            services.pairing_save(
                brigade=self.brigade_a, community="团结社区", signed_on=dt.date(2024, 5, 1), ends_on=dt.date(2024, 1, 1)
            )

    def test_it_records_an_agreement_from_the_page(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/volunteer/pairings/new/",
            {"brigade": self.brigade_a.pk, "community": "团结社区", "signed_on": "2025-01-01", "content": "共建"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.brigade_a.pairings.filter(community="团结社区").exists())
