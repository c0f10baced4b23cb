import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import central_group as cg
from dangjian.study.services import org_life, signin
from dangjian.study.services import training as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class MyRecordTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        me = self.w.person_a
        group = self.group(members=[me])
        for day, status in (
            (dt.date(2024, 3, 1), Mark.PRESENT),
            (dt.date(2024, 6, 1), Mark.LATE),
            (dt.date(2023, 6, 1), Mark.PRESENT),
        ):
            s = cg.session_plan(group=group, held_on=day, topic=f"学习{day}", by=None)
            cg.session_record(session=s, marks={me.pk: MarkIn(status)}, by=None)
        k = self.klass(starts_on=dt.date(2024, 5, 6), days=2)
        services.enrol(klass=k, people=[me], by=None, on=dt.date(2024, 5, 1))
        day1, day2 = k.days.all()
        signin.day_mark(day=day1, marks={me.pk: MarkIn(Mark.PRESENT)}, by=None)
        signin.day_mark(day=day2, marks={me.pk: MarkIn(Mark.EXCUSED, "病假")}, by=None)
        org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 7, 1),
            topic="重温入党誓词",
            marks={me.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )

    def test_it_shows_each_years_study_and_hours(self):
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:my_record"), {"year": 2024})
        years = {y["year"]: y for y in r.context["years"]}
        self.assertEqual((years[2024]["sessions"], years[2024]["classes"], years[2024]["meetings"]), (2, 1, 1))
        self.assertEqual(years[2024]["hours"], 2 + 2 + 6)  # two sessions of 2 hours, one class day of 6
        self.assertEqual((years[2023]["sessions"], years[2023]["hours"]), (1, 2))
        self.assertContains(r, "重温入党誓词")

    def test_the_api_gives_the_same_years(self):
        self.login_as(self.w.member)
        data = self.client.get("/api/v1/study/me").json()
        self.assertEqual(data["years"][0], {"year": 2024, "sessions": 2, "classes": 1, "meetings": 1, "hours": "10.0"})

    def test_someone_without_a_roster_record_gets_a_recorded_404(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get(reverse("study:my_record")).status_code, 404)

    def test_the_export_lists_the_years_entries_with_their_hours(self):
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:my_record"), {"year": 2024, "export": "xlsx"})
        rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
        entries = sorted((row[0], row[5]) for row in rows if row[0] in ("中心组学习", "培训班", "组织生活"))
        self.assertEqual(entries, [("中心组学习", 2), ("中心组学习", 2), ("培训班", 6), ("组织生活", None)])
