import datetime as dt

from django.test import override_settings
from django.urls import reverse

from dangjian.study.models import Mark
from dangjian.study.selectors.central_group import frequency
from dangjian.study.services import central_group as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class FrequencyTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.group_a = self.group(members=[self.w.person_a])

    def hold(self, day):
        session = services.session_plan(group=self.group_a, held_on=day, topic="集体学习", by=None)
        services.session_record(session=session, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)

    def test_a_quarter_without_a_session_is_missing(self):
        self.hold(dt.date(2024, 2, 1))
        self.hold(dt.date(2024, 8, 1))
        self.hold(dt.date(2024, 11, 1))
        (row,) = frequency(self.group_a.__class__.objects.all(), 2024, self.today)
        self.assertEqual([c.state for c in row.cells], ["held", "missing", "held", "held"])
        self.assertTrue(row.behind)

    @override_settings(DANGJIAN={"study": {"central_group_min_per_quarter": 2}})
    def test_the_minimum_is_configurable(self):
        self.hold(dt.date(2024, 2, 1))
        self.hold(dt.date(2024, 3, 1))
        self.hold(dt.date(2024, 5, 1))
        (row,) = frequency(self.group_a.__class__.objects.all(), 2024, self.today)
        self.assertEqual([c.state for c in row.cells][:2], ["held", "missing"])

    def test_the_page_lists_groups_behind(self):
        self.hold(dt.date(2024, 2, 1))
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:frequency"), {"year": 2024, "only": "behind"})
        self.assertContains(r, "市财政局理论学习中心组")
        self.assertContains(r, "1 个有季度未达到")
        self.assertContains(r, "0次 · 未开")

    def test_the_export_has_every_quarter(self):
        self.hold(dt.date(2024, 2, 1))
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:frequency"), {"year": 2024, "export": "xlsx"})
        self.assertEqual(r["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
