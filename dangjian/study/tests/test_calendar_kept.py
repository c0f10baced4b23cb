"""The committee's organization-life summary is kept between requests, and a meeting shows at once.

TransactionTestCase: what is kept is used only outside a transaction that has written, and a
write retires it when it commits, as in a request (registry.figures_cached).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.test import TransactionTestCase
from django.urls import reverse

from dangjian.core.testing import World
from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import org_life as services
from dangjian.study.services.marks import MarkIn


class KeptSummaryTests(TransactionTestCase):
    def setUp(self) -> None:
        ContentType.objects.clear_cache()  # another TransactionTestCase's flush made new ids
        self.w = World()
        self.w.branch_a1.founded_on = dt.date(2010, 1, 1)
        self.w.branch_a1.save()

    def test_a_meeting_recorded_after_a_look_at_the_summary_counts_at_once(self) -> None:
        self.client.force_login(self.w.staff)
        url = reverse("study:calendar")
        self.assertContains(self.client.get(url, {"org": "GW", "year": "2024"}), "按期开展率 0.0%")
        services.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 1, 10),
            topic="重温入党誓词",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        self.assertNotContains(self.client.get(url, {"org": "GW", "year": "2024"}), "按期开展率 0.0%")

    def test_an_administrator_never_gets_the_committees_summary(self) -> None:
        self.client.force_login(self.w.staff)
        url = reverse("study:calendar")
        self.assertContains(self.client.get(url, {"org": "GW", "year": "2024"}), "市教育局第一党支部")
        self.client.force_login(self.w.admin_a)
        response = self.client.get(url, {"org": "A", "year": "2024"})
        self.assertContains(response, "市财政局第一党支部")
        self.assertNotContains(response, "市教育局第一党支部")
