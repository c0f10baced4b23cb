"""Rankings by hours, and every list exported to .xlsx (exports of personal data are recorded)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from dangjian.core.models import AuditEntry
from dangjian.volunteer import services
from dangjian.volunteer.models import Team

from .helpers import VolunteerTestCase, make_activity, people, record_for


def sheet(response) -> list[tuple]:
    wb = load_workbook(io.BytesIO(response.content))
    return [tuple(r) for r in wb.active.iter_rows(values_only=True)]


class RankingTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.year = timezone.localdate().year
        self.team_1 = Team.objects.create(brigade=self.brigade_a, name="一分队")
        self.team_2 = Team.objects.create(brigade=self.brigade_a, name="二分队")
        self.crowd = people(self.w.branch_a1, 3, prefix="队员")
        services.team_member_add(team=self.team_1, member=self.crowd[0])
        services.team_member_add(team=self.team_2, member=self.crowd[1])
        services.team_member_add(team=self.team_2, member=self.crowd[2])
        past = make_activity(self.brigade_a, starts_in=dt.timedelta(hours=1))  # this year, whatever the hour
        record_for(past, self.crowd[0], hours="6.00")
        record_for(past, self.crowd[1], hours="2.00")
        record_for(past, self.crowd[2], hours="3.00")
        self.login_as(self.w.staff)

    def test_it_ranks_teams_and_people_by_hours(self):
        page = self.client.get(f"/volunteer/rankings/?org=GW&year={self.year}")
        self.assertEqual([(t["team__name"], t["hours"]) for t in page.context["teams"]], [("一分队", 6), ("二分队", 5)])
        self.assertEqual(
            [p["volunteer__member__name"] for p in page.context["people"]], ["队员000", "队员002", "队员001"]
        )

    def test_it_exports_the_people_ranking_and_records_the_export(self):
        response = self.client.get(f"/volunteer/rankings/people.xlsx?org=GW&year={self.year}")
        rows = sheet(response)
        self.assertEqual(rows[0][:2], ("名次", "姓名"))
        self.assertEqual(rows[1][:2], (1, "队员000"))
        self.assertTrue(
            AuditEntry.objects.filter(event="export", additional_data__what=f"{self.year}年志愿者服务时长排行").exists()
        )

    def test_it_exports_the_team_ranking(self):
        rows = sheet(self.client.get(f"/volunteer/rankings/teams.xlsx?org=GW&year={self.year}"))
        self.assertEqual([r[1] for r in rows[1:]], ["一分队", "二分队"])

    def test_it_exports_the_records_the_activities_and_the_participants(self):
        records = sheet(self.client.get(f"/volunteer/records/export.xlsx?org=GW&year={self.year}"))
        self.assertEqual(len(records), 4)
        activities = sheet(self.client.get(f"/volunteer/activities/export.xlsx?org=GW&year={self.year}"))
        self.assertIn(self.activity.title, [r[0] for r in activities])
        services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        participants = sheet(self.client.get(f"/volunteer/activities/{self.activity.pk}/participants.xlsx"))
        self.assertEqual(participants[1][1], "张建国")
        self.assertEqual(AuditEntry.objects.filter(event="export").count(), 3)

    def test_it_exports_the_brigades_teams_pairings_and_certificates(self):
        for url in ("/volunteer/brigades/export.xlsx", f"/volunteer/teams/{self.team_2.pk}/export.xlsx",
                    "/volunteer/pairings/export.xlsx", "/volunteer/certificates/export.xlsx"):  # fmt: skip
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertTrue(sheet(response)[0], url)
        team = sheet(self.client.get(f"/volunteer/teams/{self.team_2.pk}/export.xlsx"))
        self.assertEqual(sorted(r[0] for r in team[1:]), ["队员001", "队员002"])
