"""Issue 16 §2: every attendance row carries its meeting's (session's, training day's) year, and on
PostgreSQL the attendance tables are partitioned by it; readers see the same rows as before.

PostgreSQL pass: `scripts/test-postgres.sh dangjian/study/tests/test_attendance_partitions.py`.
"""

import datetime as dt
import unittest

from django.db import IntegrityError, connection, transaction

from dangjian.core import partitioning
from dangjian.study.models import DayAttendance, Mark, Meeting, MeetingAttendance, MeetingKind, SessionAttendance
from dangjian.study.selectors import figures
from dangjian.study.selectors.my_record import year_record
from dangjian.study.services.marks import MarkIn
from dangjian.study.services.org_life import meeting_mark, meeting_record

from .helpers import StudyTestCase

POSTGRES = connection.vendor == "postgresql"
TABLE = "study_meetingattendance"


class AttendanceYearTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.members = self.people(self.w.branch_a1, 3)

    def meeting(self, day: dt.date, topic: str = "学习") -> Meeting:
        return Meeting.objects.create(org=self.w.branch_a1, kind=MeetingKind.GENERAL, held_on=day, topic=topic)

    def test_a_saved_or_bulk_created_row_takes_its_meetings_year(self):
        m2025, m2026 = self.meeting(dt.date(2025, 12, 31)), self.meeting(dt.date(2026, 1, 1))
        one = MeetingAttendance.objects.create(meeting=m2025, person=self.members[0], status=Mark.PRESENT)
        self.assertEqual(one.year, 2025)
        MeetingAttendance.objects.bulk_create(
            [MeetingAttendance(meeting_id=m2026.pk, person=p, status=Mark.PRESENT) for p in self.members]
        )
        self.assertEqual(set(MeetingAttendance.objects.filter(meeting=m2026).values_list("year", flat=True)), {2026})

    def test_recording_and_marking_a_meeting_write_its_year(self):
        marks = {self.members[0].pk: MarkIn(Mark.PRESENT)}
        meeting = meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.GENERAL,
            held_on=dt.date(2025, 6, 3),
            topic="党员大会",
            marks=marks,
            by=self.w.staff,
            today=dt.date(2025, 6, 4),
        )
        meeting_mark(meeting=meeting, marks={self.members[1].pk: MarkIn(Mark.LATE)}, by=self.w.staff)
        self.assertEqual(list(meeting.attendances.values_list("year", flat=True)), [2025, 2025])

    def test_the_other_attendance_tables_carry_their_parents_year_too(self):
        self.assertEqual(SessionAttendance.YEAR_FROM, ("session", "held_on"))
        self.assertEqual(DayAttendance.YEAR_FROM, ("day", "day"))
        for model in (MeetingAttendance, SessionAttendance, DayAttendance):
            self.assertFalse(model._meta.get_field("year").null, model)

    def test_a_person_is_marked_once_per_meeting_still(self):
        meeting = self.meeting(dt.date(2026, 3, 3))
        MeetingAttendance.objects.create(meeting=meeting, person=self.members[0], status=Mark.PRESENT)
        with self.assertRaises(IntegrityError), transaction.atomic():
            MeetingAttendance.objects.create(meeting=meeting, person=self.members[0], status=Mark.ABSENT)

    @unittest.skipUnless(POSTGRES, "partitioning is PostgreSQL's")
    def test_the_table_is_partitioned_by_year_and_rows_land_in_their_years_partition(self):
        for table in ("study_meetingattendance", "study_sessionattendance", "study_dayattendance"):
            self.assertTrue(partitioning.is_partitioned(connection, table), table)
        partitioning.ensure_years(connection, TABLE, [2025, 2026])
        rows = {
            year: MeetingAttendance.objects.create(
                meeting=self.meeting(dt.date(year, 5, 5), f"{year}"), person=self.members[0], status=Mark.PRESENT
            )
            for year in (2025, 2026, 1990)
        }
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT tableoid::regclass::text, year FROM {TABLE} WHERE id = ANY(%s) ORDER BY year",
                [[r.pk for r in rows.values()]],
            )
            self.assertEqual(
                cursor.fetchall(),
                [(f"{TABLE}_default", 1990), (f"{TABLE}_y2025", 2025), (f"{TABLE}_y2026", 2026)],
            )
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'meeting_attendance_once'"
            )
            self.assertEqual(cursor.fetchone()[0], "UNIQUE (meeting_id, person_id, year)")
        # Readers see them as before, across partitions.
        self.assertEqual(MeetingAttendance.objects.filter(person=self.members[0]).count(), 3)
        self.assertEqual(MeetingAttendance.objects.get(pk=rows[1990].pk).meeting.held_on.year, 1990)

    @unittest.skipUnless(POSTGRES, "partitioning is PostgreSQL's")
    def test_a_new_years_partition_takes_over_the_default_partitions_rows_of_that_year(self):
        row = MeetingAttendance.objects.create(
            meeting=self.meeting(dt.date(2041, 5, 5)), person=self.members[0], status=Mark.PRESENT
        )
        self.assertEqual(partitioning.ensure_years(connection, TABLE, [2041]), [f"{TABLE}_y2041"])
        self.assertIn(2041, partitioning.partition_years(connection, TABLE))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT tableoid::regclass::text FROM {TABLE} WHERE id = %s", [row.pk])
            self.assertEqual(cursor.fetchone()[0], f"{TABLE}_y2041")
        self.assertEqual(partitioning.ensure_years(connection, TABLE, [2041]), [])

    @unittest.skipUnless(POSTGRES, "partitioning is PostgreSQL's")
    def test_the_plain_table_of_before_converts_keeping_every_row_and_id(self):
        rows = [
            MeetingAttendance.objects.create(
                meeting=self.meeting(dt.date(y, 5, 5), f"{y}"), person=p, status=Mark.PRESENT
            )
            for y, p in ((2019, self.members[0]), (2026, self.members[1]))
        ]
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no check pending on the rows to move
        self.assertTrue(partitioning.unpartition(connection, TABLE))
        self.assertFalse(partitioning.is_partitioned(connection, TABLE))
        self.assertTrue(partitioning.partition_by_year(connection, TABLE))
        self.assertIn(2019, partitioning.partition_years(connection, TABLE))
        self.assertEqual(
            sorted(MeetingAttendance.objects.values_list("pk", "year")), sorted((r.pk, r.year) for r in rows)
        )
        later = MeetingAttendance.objects.create(
            meeting=self.meeting(dt.date(2026, 7, 7), "later"), person=self.members[2], status=Mark.PRESENT
        )
        self.assertGreater(later.pk, rows[-1].pk)

    def test_a_persons_year_record_holds_that_years_meetings_only(self):
        person = self.members[0]
        for day in (dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1)):
            MeetingAttendance.objects.create(meeting=self.meeting(day, f"{day}"), person=person, status=Mark.PRESENT)
        days = [a.meeting.held_on for a in year_record(person, 2025).meetings]
        self.assertEqual(days, [dt.date(2025, 12, 31), dt.date(2025, 1, 1)])

    @unittest.skipUnless(POSTGRES, "partitioning is PostgreSQL's")
    def test_a_years_figures_read_only_that_years_partitions(self):
        # Issue 16 §2: at province scale the study figures must not read every year's rows.
        tables = ("study_meetingattendance", "study_sessionattendance", "study_dayattendance")
        for table in tables:
            partitioning.ensure_years(connection, table, [2024, 2025, 2026])
        today = dt.date(2025, 6, 1)
        plans = {
            "study_sessionattendance": figures.session_attendances(self.w.committee, 2025).explain(),
            "study_meetingattendance": year_record(self.members[0], 2025).meetings.explain(),
            "study_dayattendance": figures.training_day_marks(self.w.committee, 2025, today).explain(),
        }
        for table, plan in plans.items():
            self.assertIn(f"{table}_y2025", plan, table)
            self.assertNotIn(f"{table}_y2024", plan, table)
        self.assertNotIn("study_sessionattendance_y2026", plans["study_sessionattendance"])
        self.assertNotIn("study_meetingattendance_y2026", plans["study_meetingattendance"])
