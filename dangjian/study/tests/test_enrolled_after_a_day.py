import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.errors import codes_of
from dangjian.study.models import Mark
from dangjian.study.selectors.training import completion, day_roster, standing_by_day
from dangjian.study.services import signin
from dangjian.study.services import training as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class EnrolledAfterADayTests(StudyTestCase):
    """moodle-mod_attendance's complaint: people marked absent for sessions before they enrolled."""

    def setUp(self):
        super().setUp()
        self.k = self.klass(starts_on=self.today - dt.timedelta(days=3), days=3)  # ended two days ago … yesterday
        self.day1, self.day2, self.day3 = self.k.days.all()
        self.early = self.people(self.w.branch_a1, 1)[0]
        services.enrol(klass=self.k, people=[self.early], by=None, on=self.day1.day - dt.timedelta(days=7))
        services.enrol(klass=self.k, people=[self.w.person_a], by=None, on=self.day2.day)  # joined on day two

    def test_the_first_day_is_not_an_absence_for_someone_who_enrolled_later(self):
        self.assertEqual(
            [s.status for s in standing_by_day(self.k.enrolments.get(person=self.w.person_a), self.today)],
            ["n/a", "absent", "absent"],
        )
        self.assertEqual(
            [s.status for s in standing_by_day(self.k.enrolments.get(person=self.early), self.today)], ["absent"] * 3
        )

    def test_the_day_roster_does_not_count_them_for_that_day(self):
        lines = {line.enrolment.person_id: line.applies for line in day_roster(self.day1)}
        self.assertEqual(lines, {self.early.pk: True, self.w.person_a.pk: False})

    def test_marking_them_for_a_day_before_they_enrolled_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "之后才报名") as cm:
            signin.day_mark(day=self.day1, marks={self.w.person_a.pk: MarkIn(Mark.ABSENT, "未到")}, by=None)
        self.assertEqual(codes_of(cm.exception), {"training_enrolled_after_day"})

    def test_completion_counts_only_their_own_days(self):
        for day in (self.day2, self.day3):
            signin.day_mark(day=day, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)
        done = completion(self.k.enrolments.get(person=self.w.person_a), self.today)
        self.assertEqual((done.attended, done.due_days, done.complete), (2, 2, True))

    def test_the_member_page_says_before_enrolment_not_absent(self):
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:class_detail", args=[self.k.pk]))
        self.assertContains(r, "报名前，不计缺勤")

    def test_the_day_page_shows_the_later_enrolment(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:day_detail", args=[self.day1.pk]))
        self.assertContains(r, "报名，不计该日")

    def test_the_class_roster_export_says_before_enrolment_and_reads_the_marks_at_once(self):
        signin.day_mark(day=self.day2, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)
        self.login_as(self.w.admin_a)
        url = reverse("study:class_detail", args=[self.k.pk])
        self.client.get(url, {"export": "xlsx"})
        with CaptureQueriesContext(connection) as few:
            r = self.client.get(url, {"export": "xlsx"})
        rows = {row[0]: row[5:8] for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)}
        self.assertEqual(rows[self.w.person_a.name], ("报名前", "出席", "缺勤"))
        self.assertEqual(rows[self.early.name], ("缺勤", "缺勤", "缺勤"))
        services.enrol(klass=self.k, people=self.people(self.w.branch_a1, 5), by=None, on=self.day1.day)
        with CaptureQueriesContext(connection) as many:
            self.client.get(url, {"export": "xlsx"})
        self.assertEqual(len(many), len(few))
