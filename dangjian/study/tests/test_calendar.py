import datetime as dt

from django.test import override_settings
from django.urls import reverse

from dangjian.orgs.models import Organization, OrgKind
from dangjian.study import stats
from dangjian.study.models import Mark, MeetingKind, MeetingTally
from dangjian.study.selectors import calendar as cal
from dangjian.study.services import org_life as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase

TODAY = dt.date(2024, 5, 20)  # Q2 under way


class CalendarTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.w.branch_a1.founded_on = dt.date(2010, 1, 1)
        self.w.branch_a1.save()

    def hold(self, kind, day, org=None):
        services.meeting_record(
            org=org or self.w.branch_a1,
            kind=kind,
            held_on=day,
            topic=f"{kind}{day}",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
            today=TODAY,
        )

    def standing(self, org=None, year=2024):
        return cal.standings(
            Organization.objects.filter(pk=(org or self.w.branch_a1).pk), year, TODAY, with_lines=True
        )[0]

    def line(self, standing, kind):
        return next(line for line in standing.lines if line.requirement.kind == kind)

    def test_theme_days_are_held_missing_due_or_not_yet_due_by_month(self):
        for month in (1, 3):
            self.hold(MeetingKind.THEME_DAY, dt.date(2024, month, 10))
        states = [c.state for c in self.line(self.standing(), MeetingKind.THEME_DAY).cells]
        self.assertEqual(states[:6], ["held", "missing", "held", "missing", "due", "future"])

    def test_general_meetings_are_judged_by_quarter_and_reviews_by_year(self):
        self.hold(MeetingKind.GENERAL, dt.date(2024, 2, 10))
        self.assertEqual(
            [c.state for c in self.line(self.standing(), MeetingKind.GENERAL).cells],
            ["held", "due", "future", "future"],
        )
        self.assertEqual([c.state for c in self.line(self.standing(), MeetingKind.REVIEW).cells], ["due"])

    def test_a_past_year_is_judged_whole(self):
        self.hold(MeetingKind.LIFE, dt.date(2023, 12, 20))
        s = self.standing(year=2023)
        self.assertEqual([c.state for c in self.line(s, MeetingKind.LIFE).cells], ["held"])
        self.assertEqual([c.state for c in self.line(s, MeetingKind.REVIEW).cells], ["missing"])

    def test_a_branch_without_a_committee_owes_no_committee_meetings(self):
        kinds = {line.requirement.kind for line in self.standing().lines}
        self.assertNotIn(MeetingKind.BRANCH_COMMITTEE, kinds)
        self.assertIn(MeetingKind.THEME_DAY, kinds)

    def test_a_party_group_owes_a_monthly_group_meeting(self):
        group = Organization.objects.add_child(
            self.w.branch_a1, {"code": "A0101", "name": "第一党小组", "kind": OrgKind.GROUP}
        )
        kinds = [line.requirement.kind for line in self.standing(group).lines]
        self.assertEqual(kinds, [MeetingKind.GROUP])

    def test_months_before_the_organization_was_founded_are_not_owed(self):
        self.w.branch_a1.founded_on = dt.date(2024, 3, 5)
        self.w.branch_a1.save()
        states = [c.state for c in self.line(self.standing(), MeetingKind.THEME_DAY).cells]
        self.assertEqual(states[:4], ["na", "na", "missing", "missing"])

    def test_the_rate_counts_ended_periods_and_held_ones_under_way(self):
        self.hold(MeetingKind.THEME_DAY, dt.date(2024, 1, 10))
        self.hold(MeetingKind.THEME_DAY, dt.date(2024, 5, 10))  # May, under way: counts as held
        s = self.standing()
        # ended: Jan–Apr theme days (4) + Q1 general meeting + Q1 lecture = 6 owed, 1 held; May's adds one of each.
        self.assertEqual((s.required, s.held), (7, 2))
        self.assertEqual(s.rate, round(2 * 100 / 7, 1))

    @override_settings(
        DANGJIAN={"study": {"org_life_requirements": {"theme_day": {"every": "quarter", "org_kinds": ("branch",)}}}}
    )
    def test_the_requirements_are_configurable(self):
        self.hold(MeetingKind.THEME_DAY, dt.date(2024, 2, 10))
        s = self.standing()
        self.assertEqual([line.requirement.kind for line in s.lines], [MeetingKind.THEME_DAY])
        self.assertEqual([c.state for c in s.lines[0].cells], ["held", "due", "future", "future"])

    def test_the_tallies_agree_with_a_rebuild(self):
        self.hold(MeetingKind.THEME_DAY, dt.date(2024, 1, 10))
        self.hold(MeetingKind.THEME_DAY, dt.date(2024, 1, 25))
        before = sorted(MeetingTally.objects.values_list("org_id", "year", "kind", "counts"))
        services.tallies_rebuild()
        self.assertEqual(sorted(MeetingTally.objects.values_list("org_id", "year", "kind", "counts")), before)
        self.assertEqual(before[0][3], "200000000000")


class CalendarPageTests(StudyTestCase):
    def test_the_organization_calendar_shows_held_and_missing(self):
        services.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 1, 10),
            topic="重温入党誓词",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:calendar"), {"org": "A01", "year": 2024})
        self.assertContains(r, "主题党日")
        self.assertContains(r, "已开 1次")
        self.assertContains(r, "未开")

    def test_the_committee_view_lists_organizations_behind(self):
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:behind"))
        self.assertContains(r, "市财政局第一党支部")
        self.assertContains(r, "市教育局第一党支部")
        r = self.client.get(reverse("study:calendar"), {"org": "GW", "year": 2024})
        self.assertContains(r, "按期开展率 0.0%")

    def test_an_administrator_sees_only_their_subtree(self):
        self.login_as(self.w.admin_b)
        r = self.client.get(reverse("study:behind"))
        self.assertNotContains(r, "市财政局")
        self.assertEqual(self.client.get(reverse("study:calendar"), {"org": "A01"}).status_code, 404)

    def test_the_compliance_rate_figure_matches_its_records_page(self):
        services.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 1, 10),
            topic="主题党日",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        rate = stats.org_life_compliance_rate(self.w.committee, 2024)
        self.assertGreater(rate, 0)
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:records_compliance"), {"org": "GW", "year": 2024})
        self.assertContains(r, f"按期开展率 {rate}%")

    def test_the_reminder_command_lists_what_is_due(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("study_reminders", "--org", "A", "--date", "2024-05-20", stdout=out)
        text = out.getvalue()
        self.assertIn("组织生活逾期缺项：2 个组织", text)
        self.assertIn("A01 市财政局第一党支部：党员大会（第一季度）、党课（第一季度）、主题党日（1月）", text)
        self.assertNotIn("市教育局", text)


class CalendarQueryCountTests(StudyTestCase):
    def count(self, url: str, **params) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return len(ctx.captured_queries)

    def test_the_committees_summary_costs_the_same_for_three_branches_as_for_thirty_three(self):
        from dangjian.core.testing import make_org

        self.login_as(self.w.staff)
        self.client.get("/")  # the login's first request writes the session's activity
        few = self.count(reverse("study:calendar"), org="GW", year=2024)
        for i in range(30):
            make_org(f"T{i:02d}", f"测试第{i}党支部", OrgKind.BRANCH, self.w.org_b)
        r = self.client.get(reverse("study:calendar"), {"org": "GW", "year": 2024})
        self.assertContains(r, "测试第0党支部")
        self.assertEqual(self.count(reverse("study:calendar"), org="GW", year=2024), few)
