"""The volunteer API: the same scoping, and sign-up with the same guarantees as the pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.volunteer import services

from .helpers import VolunteerTestCase, make_activity, people, record_for


class ApiTests(VolunteerTestCase):
    def test_it_lists_the_activities_open_to_the_member(self):
        self.login_as(self.w.member)
        body = self.client.get("/api/v1/volunteer/activities").json()
        self.assertEqual(body["count"], 1)
        item = body["items"][0]
        self.assertEqual(
            (item["title"], item["places"], item["taken"], item["kind_label"]),
            (self.activity.title, 30, 0, "文明交通劝导"),
        )

    def test_it_signs_up_and_reports_the_waiting_position(self):
        full = make_activity(self.brigade_a, places=1)
        services.signup(activity_id=full.pk, member=people(self.w.branch_a1, 1)[0])
        self.login_as(self.w.member)
        body = self.client.post(f"/api/v1/volunteer/activities/{full.pk}/signup").json()
        self.assertEqual((body["status"], body["waiting_position"]), ("waiting", 1))
        self.assertIn("候补名单第 1 位", body["message"])
        mine = self.client.get(f"/api/v1/volunteer/activities/{full.pk}").json()["mine"]
        self.assertEqual(mine["status"], "waiting")

    def test_it_refuses_after_the_deadline_with_a_chinese_message(self):
        closed = make_activity(self.brigade_a, deadline=timezone.now() - dt.timedelta(hours=1))
        self.login_as(self.w.member)
        response = self.client.post(f"/api/v1/volunteer/activities/{closed.pk}/signup")
        self.assertEqual(response.status_code, 400)
        self.assertIn("报名已于", response.json()["detail"])

    def test_it_cancels_and_returns_who_moved_up(self):
        small = make_activity(self.brigade_a, places=1)
        services.signup(activity_id=small.pk, member=self.w.person_a)
        waiting = people(self.w.branch_a1, 1)[0]
        services.signup(activity_id=small.pk, member=waiting)
        self.login_as(self.w.member)
        promoted = self.client.post(f"/api/v1/volunteer/activities/{small.pk}/cancel").json()
        self.assertEqual([(p["status"], p["waiting_position"]) for p in promoted], [("confirmed", None)])

    def test_it_gives_the_member_their_hours(self):
        record_for(make_activity(self.brigade_a, starts_in=-dt.timedelta(days=2)), self.w.person_a, hours="2.50")
        self.login_as(self.w.member)
        body = self.client.get("/api/v1/volunteer/me").json()
        self.assertEqual(body["volunteer_number"], f"ZY{self.w.person_a.pk:08d}")
        self.assertEqual(float(body["total_hours"]), 2.5)
        self.assertEqual(len(body["records"]), 1)

    def test_it_gives_administrators_the_overview_of_their_subtree(self):
        self.login_as(self.w.admin_a)
        body = self.client.get("/api/v1/volunteer/brigades").json()
        self.assertEqual([b["name"] for b in body], [self.brigade_a.name])
        self.assertEqual(self.client.get("/api/v1/volunteer/brigades?org=B").status_code, 404)

    def test_it_ranks_through_the_api(self):
        record_for(make_activity(self.brigade_a, starts_in=dt.timedelta(hours=1)), self.w.person_a, hours="3.00")
        self.login_as(self.w.staff)
        body = self.client.get("/api/v1/volunteer/rankings?by=person").json()
        self.assertEqual(body[0]["name"], "张建国")
        self.assertEqual(self.client.get("/api/v1/volunteer/rankings?by=unit").status_code, 400)
