"""Leaders named in the structure organize, even when their account is a plain member's."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.volunteer import services
from dangjian.volunteer.models import Activity, Team

from .helpers import VolunteerTestCase, account, make_activity, people


class LeaderTests(VolunteerTestCase):
    def test_it_lets_a_brigade_leader_create_an_activity_for_their_brigade(self):
        self.login_as(account(self.leader_a))
        start = timezone.localtime(timezone.now() + dt.timedelta(days=4))
        response = self.client.post(
            "/volunteer/activities/new/",
            {
                "brigade": self.brigade_a.pk, "title": "文明交通劝导：早高峰", "kind": "traffic", "place": "人民路口",
                "starts_at": f"{start:%Y-%m-%dT07:00}", "ends_at": f"{start:%Y-%m-%dT09:00}", "places": 10,
            },
        )  # fmt: skip
        activity = Activity.objects.get(title="文明交通劝导：早高峰")
        self.assertRedirects(response, f"/volunteer/activities/{activity.pk}/")
        self.assertEqual(activity.organizer, self.leader_a)  # the brigade leader by default

    def test_it_does_not_let_the_leader_organize_another_brigade(self):
        self.login_as(account(self.leader_a))
        other = make_activity(self.brigade_b)
        self.assertEqual(self.client.get(f"/volunteer/activities/{other.pk}/edit/").status_code, 404)

    def test_it_shows_the_leader_the_participants_and_the_check_in_code(self):
        services.signup(activity_id=self.activity.pk, member=people(self.w.branch_a1, 1, prefix="参加者")[0])
        self.login_as(account(self.leader_a))
        page = self.client.get(f"/volunteer/activities/{self.activity.pk}/").content.decode()
        self.assertIn("参加者000", page)
        self.assertIn("签到二维码", page)
        qr = self.client.get(f"/volunteer/activities/{self.activity.pk}/qr.svg")
        self.assertEqual(qr["Content-Type"], "image/svg+xml")
        self.assertIn(b'xmlns="http://www.w3.org/2000/svg"', qr.content)  # a standalone image, not inline code

    def test_it_lets_a_team_leader_organize_their_team_activity_only(self):
        team_leader = people(self.w.branch_a1, 1, prefix="分队长")[0]
        team = Team.objects.create(brigade=self.brigade_a, name="第二分队", leader=team_leader)
        theirs = make_activity(self.brigade_a, team=team)
        self.login_as(account(team_leader))
        self.assertEqual(self.client.get(f"/volunteer/activities/{theirs.pk}/edit/").status_code, 200)
        self.assertEqual(self.client.get(f"/volunteer/activities/{self.activity.pk}/edit/").status_code, 404)

    def test_it_does_not_let_a_leader_change_the_structure(self):
        self.login_as(account(self.leader_a))
        self.assertEqual(self.client.get(f"/volunteer/brigades/{self.brigade_a.pk}/edit/").status_code, 404)
        self.assertEqual(self.client.get(f"/volunteer/brigades/{self.brigade_a.pk}/").status_code, 200)
