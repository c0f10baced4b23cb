"""Nonsense in ?year= and ?page= is a clear 400, never a 500 nor another year's figures (core.web.params)."""

from __future__ import annotations

from dangjian.volunteer.models import Team

from .helpers import VolunteerTestCase


class ParameterTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.team = Team.objects.create(brigade=self.brigade_a, name="第一分队")

    def test_it_answers_400_to_a_year_out_of_range_on_every_yearly_page(self):
        self.login_as(self.w.staff)
        for url in (
            "/volunteer/activities/?year=99999",  # was a 500: datetime(100000, 1, 1)
            "/volunteer/activities/export.xlsx?year=99999",
            "/volunteer/brigades/?year=99999",
            "/volunteer/brigades/export.xlsx?year=99999",
            f"/volunteer/brigades/{self.brigade_a.pk}/?year=99999",
            f"/volunteer/teams/{self.team.pk}/?year=99999",
            f"/volunteer/teams/{self.team.pk}/export.xlsx?year=99999",
            "/volunteer/records/?org=GW&year=99999",
            "/volunteer/rankings/?org=GW&year=99999",
        ):
            self.assertEqual(self.client.get(url).status_code, 400, url)

    def test_it_answers_400_to_a_year_that_is_not_a_number(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/volunteer/activities/?year=abc").status_code, 400)
        self.assertEqual(self.client.get("/volunteer/brigades/?year=2025x").status_code, 400)

    def test_it_answers_400_to_a_page_that_is_not_a_number(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/volunteer/activities/?page=abc").status_code, 400)
        self.assertEqual(self.client.get("/volunteer/certificates/?page=-1").status_code, 400)

    def test_it_answers_422_with_the_message_through_the_api(self):
        self.login_as(self.w.staff)
        for url in ("/api/v1/volunteer/brigades?year=99999", "/api/v1/volunteer/rankings?year=99999"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 422, url)  # the API answers every bounded parameter with 422
            self.assertIn("年份", response.json()["detail"])

    def test_it_still_reads_a_plain_year(self):
        self.login_as(self.w.staff)
        response = self.client.get("/volunteer/activities/?year=2025")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["filters"]["year"], 2025)
