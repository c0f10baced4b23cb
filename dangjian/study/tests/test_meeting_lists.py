"""The meeting lists (组织生活会议, 三会一课开展, the API's): one page of counts, a bound on queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangjian.study.models import Mark, Meeting, MeetingAttendance, MeetingKind

from .helpers import StudyTestCase

DAY = dt.date(2024, 3, 12)


class MeetingListTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.members = self.people(self.w.branch_a1, 4)
        self.login_as(self.w.staff)

    def add_meetings(self, n: int, *, start: int = 0, kind: str = MeetingKind.GENERAL) -> None:
        for i in range(start, start + n):
            m = Meeting.objects.create(
                org=self.w.branch_a1, kind=kind, held_on=DAY + dt.timedelta(days=i), topic=f"主题{i}"
            )
            MeetingAttendance.objects.bulk_create(
                MeetingAttendance(meeting=m, person=p, status=Mark.PRESENT if j < 3 else Mark.ABSENT)
                for j, p in enumerate(self.members)
            )

    def queries(self, url: str, params: dict) -> int:
        self.client.get(url, params)  # warm the session and role caches out of the count
        with CaptureQueriesContext(connection) as ctx:
            r = self.client.get(url, params)
        self.assertEqual(r.status_code, 200)
        return len(ctx)

    def test_the_list_shows_each_meetings_attended_and_marked(self):
        self.add_meetings(1)
        r = self.client.get(reverse("study:meetings"), {"year": 2024})
        self.assertContains(r, "主题0")
        self.assertContains(r, "3/4")
        self.assertContains(r, "共 1 次")

    def test_the_list_is_paged_fifty_at_a_time(self):
        self.add_meetings(55)
        r = self.client.get(reverse("study:meetings"), {"year": 2024})
        self.assertEqual(len(r.context["rows"]), 50)
        self.assertContains(r, "共 55 次")
        r = self.client.get(reverse("study:meetings"), {"year": 2024, "page": 2})
        self.assertEqual([m.topic for m in r.context["rows"]], [f"主题{i}" for i in range(4, -1, -1)])

    def test_the_lists_queries_do_not_grow_with_the_meetings(self):
        pages = [
            (reverse("study:meetings"), {"year": 2024}),
            (reverse("study:records_meetings"), {"year": 2024, "org": "GW"}),
            ("/api/v1/study/meetings", {"year": 2024}),
        ]
        self.add_meetings(2)
        few = [self.queries(url, params) for url, params in pages]
        self.add_meetings(20, start=2)
        many = [self.queries(url, params) for url, params in pages]
        self.assertEqual(many, few)
        for n in many:
            self.assertLessEqual(n, 12)

    def test_the_api_gives_counts_for_its_page(self):
        self.add_meetings(3)
        data = self.client.get("/api/v1/study/meetings", {"year": 2024, "limit": 2, "offset": 1}).json()
        self.assertEqual(data["count"], 3)
        self.assertEqual(
            [(m["topic"], m["attended"], m["marked"]) for m in data["items"]], [("主题1", 3, 4), ("主题0", 3, 4)]
        )

    def test_the_records_page_lists_the_counted_meetings_of_the_subtree(self):
        self.add_meetings(2)
        self.add_meetings(1, start=2, kind=MeetingKind.THEME_DAY)  # not one of 三会一课
        r = self.client.get(reverse("study:records_meetings"), {"year": 2024, "org": "A"})
        self.assertEqual([m.topic for m in r.context["rows"]], ["主题0", "主题1"])
        self.assertContains(r, "3/4")
        r = self.client.get(reverse("study:records_meetings"), {"year": 2024, "org": "B"})
        self.assertEqual(r.context["rows"], [])
