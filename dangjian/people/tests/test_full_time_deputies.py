import datetime as dt

from dangjian.core import registry
from dangjian.people import services
from dangjian.people.models import PostTitle

from .helpers import RosterTestCase

KEY = "cadres.full_time_deputy_secretaries"


class FullTimeDeputyMetricTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        deputy = PostTitle.FULL_TIME_DEPUTY
        self.a_2024 = services.post_assign(
            member=self.w.person_a, org=self.w.org_a, title=deputy, started_on=dt.date(2024, 3, 1)
        )
        services.post_assign(member=self.w.person_b, org=self.w.org_b, title=deputy, started_on=dt.date(2024, 9, 1))
        other = self.person("郑旧任")
        services.post_assign(member=other, org=self.w.branch_a1, title=deputy, started_on=dt.date(2023, 12, 31))
        # Another post started in the year does not count.
        services.post_assign(
            member=other, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2024, 5, 1)
        )

    def value(self, org, year):
        return registry.compute(org, year)[KEY]

    def test_it_counts_appointments_started_in_the_year_in_the_subtree(self):
        self.assertEqual(self.value(self.w.committee, 2024), 2)
        self.assertEqual(self.value(self.w.org_a, 2024), 1)
        self.assertEqual(self.value(self.w.org_a, 2023), 1)
        self.assertEqual(self.value(self.w.branch_a2, 2024), 0)

    def test_an_appointment_ended_later_still_counts_for_its_year(self):
        services.post_end(post=self.a_2024, ended_on=dt.date(2025, 1, 1))
        self.assertEqual(self.value(self.w.org_a, 2024), 1)

    def test_the_figure_links_to_the_records_behind_it(self):
        self.login_as(self.w.staff)
        dashboard = self.client.get("/dashboard/", {"org": "A", "year": 2024})
        self.assertContains(dashboard, "/members/full-time-deputies/?org=A&amp;year=2024")
        page = self.client.get("/members/full-time-deputies/", {"org": "A", "year": 2024})
        self.assertEqual([p.member.name for p in page.context["posts"]], ["张建国"])
        self.assertContains(page, "市财政局机关党委")

    def test_the_records_page_is_scoped(self):
        self.login_as(self.w.admin_a)
        self.assertDeniedAndRecorded(
            self.client.get("/members/full-time-deputies/", {"org": "B", "year": 2024}), self.w.admin_a
        )
        self.login_as(self.w.member)
        self.assertDeniedAndRecorded(self.client.get("/members/full-time-deputies/"), self.w.member)
