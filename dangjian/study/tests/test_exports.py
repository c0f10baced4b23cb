import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.models import AuditEntry
from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import org_life
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class ExportTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.meeting = org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 4, 8),
            topic='=HYPERLINK("x")',
            marks={self.w.person_a.pk: MarkIn(Mark.EXCUSED, "出差")},
            by=None,
        )
        self.login_as(self.w.admin_a)

    def rows(self, response):
        wb = load_workbook(io.BytesIO(response.content))
        return [tuple(c.value for c in row) for row in wb.active.iter_rows()]

    def test_every_list_exports_to_xlsx_and_the_export_is_recorded(self):
        urls = [
            reverse("study:groups"),
            reverse("study:sessions"),
            reverse("study:frequency"),
            reverse("study:observers"),
            reverse("study:classes"),
            reverse("study:meetings") + "?year=2024",
            reverse("study:behind"),
            reverse("study:calendar") + "?org=A01&year=2024",
            reverse("study:calendar") + "?org=A&year=2024",
            reverse("study:meeting_detail", args=[self.meeting.pk]),
            reverse("study:records_meetings") + "?org=A&year=2024",
            reverse("study:records_compliance") + "?org=A&year=2024",
        ]
        for url in urls:
            r = self.client.get(url + ("&" if "?" in url else "?") + "export=xlsx")
            self.assertEqual(
                r["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", url
            )
        self.assertEqual(AuditEntry.objects.filter(event="export").count(), len(urls))

    def test_the_meeting_list_export_has_the_meeting_and_neutralizes_formulas(self):
        r = self.client.get(reverse("study:meetings"), {"year": 2024, "export": "xlsx"})
        rows = self.rows(r)
        self.assertEqual(rows[0][:4], ("日期", "组织", "类型", "主题"))
        self.assertEqual(rows[1][2:4], ("主题党日", '\'=HYPERLINK("x")'))

    def test_the_attendance_export_lists_reasons(self):
        r = self.client.get(reverse("study:meeting_detail", args=[self.meeting.pk]), {"export": "xlsx"})
        self.assertEqual(self.rows(r)[1], ("张建国", "市财政局第一党支部", "请假", "出差"))
