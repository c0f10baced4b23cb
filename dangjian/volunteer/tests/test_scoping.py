"""Out of reach is a recorded 404, never a 403, for pages and records alike."""

from __future__ import annotations

from dangjian.core.models import AuditEntry
from dangjian.volunteer import services
from dangjian.volunteer.models import ActivityStatus, Team

from .helpers import VolunteerTestCase, make_activity


class ScopingTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.team = Team.objects.create(brigade=self.brigade_a, name="第一分队")
        self.volunteer = services.team_member_add(team=self.team, member=self.w.person_a)

    def assert_recorded_404(self, url: str) -> None:
        before = AuditEntry.objects.filter(event="denied").count()
        self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 1, url)

    def test_it_hides_a_brigades_records_from_the_administrator_of_another_organization(self):
        self.login_as(self.w.admin_b)
        for url in (
            f"/volunteer/activities/{self.activity.pk}/",
            f"/volunteer/brigades/{self.brigade_a.pk}/",
            f"/volunteer/teams/{self.team.pk}/",
            f"/volunteer/volunteers/{self.volunteer.pk}/",
        ):
            self.assert_recorded_404(url)

    def test_it_records_which_organization_a_refused_look_up_concerned(self):
        self.login_as(self.w.admin_b)
        self.client.get(f"/volunteer/activities/{self.activity.pk}/")
        self.assertEqual(AuditEntry.objects.filter(event="denied").last().org_id, self.w.org_a.pk)

    def test_it_hides_drafts_from_members(self):
        draft = make_activity(self.brigade_a, status=ActivityStatus.DRAFT)
        self.login_as(self.w.member)
        self.assert_recorded_404(f"/volunteer/activities/{draft.pk}/")

    def test_it_keeps_the_overview_pages_from_members_and_outsiders(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            for url in (
                "/volunteer/brigades/",
                "/volunteer/records/",
                "/volunteer/rankings/",
                "/volunteer/certificates/",
            ):
                self.assert_recorded_404(url)

    def test_it_lists_only_the_brigades_of_the_administrators_subtree(self):
        self.login_as(self.w.admin_b)
        names = [b.name for b in self.client.get("/volunteer/brigades/").context["brigades"]]
        self.assertEqual(names, [self.brigade_b.name])

    def test_it_answers_a_missing_record_the_same_way(self):
        self.login_as(self.w.staff)
        self.assert_recorded_404("/volunteer/activities/999999/")
