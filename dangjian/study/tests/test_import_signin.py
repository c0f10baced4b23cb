import datetime as dt
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangjian.core import excel
from dangjian.core.models import AuditEntry
from dangjian.study.importing import import_signin_file
from dangjian.study.models import EnrolMethod, Mark, MeetingAttendance, MeetingKind, SessionStatus
from dangjian.study.services import central_group as cg
from dangjian.study.services import org_life
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase

HEADERS = ["姓名", "身份证号", "签到状态", "缺席原因"]


class SignInSheetTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.a2, self.a3 = self.people(self.w.branch_a1, 2)
        self.meeting = org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.GENERAL,
            held_on=dt.date(2024, 3, 5),
            topic="党员大会",
            marks={self.w.person_a.pk: MarkIn(Mark.ABSENT, "未到")},
            by=None,
        )
        self.folder = Path(tempfile.mkdtemp())

    def sheet(self, rows, headers=HEADERS) -> Path:
        path = self.folder / "签到表.xlsx"
        path.write_bytes(excel.workbook_bytes(headers, rows))
        return path

    def row(self, person, status="出席", reason=""):
        return [person.name, person.id_number, status, reason]

    def test_every_bad_row_is_reported_by_number_and_nothing_is_written(self):
        path = self.sheet(
            [
                self.row(self.w.person_a),  # row 2: fine
                ["某某", "11010519491231002X", "出席", ""],  # row 3: not on the roster
                ["错名", self.a2.id_number, "出席", ""],  # row 4: the name does not match
                self.row(self.a3, "到了"),  # row 5: unknown mark
                self.row(self.a2, "请假"),  # row 6: excused without a reason
                self.row(self.w.person_a, "迟到"),  # row 7: twice
                self.row(self.w.person_b),  # row 8: another organization's member
            ]
        )
        result = import_signin_file(path, target="meeting", record=self.meeting, scope_user=self.w.admin_a)
        rows = {(e.row, e.column) for e in result.errors}
        self.assertEqual(
            rows, {(3, "身份证号"), (4, "姓名"), (5, "签到状态"), (6, "缺席原因"), (7, "身份证号"), (8, "身份证号")}
        )
        self.assertIn("第6行【缺席原因】请假须填写原因", [str(e) for e in result.errors])
        self.assertEqual(MeetingAttendance.objects.get(person=self.w.person_a).status, Mark.ABSENT)

    def test_a_good_sheet_is_written_and_a_second_import_changes_nothing(self):
        path = self.sheet([self.row(self.w.person_a, "迟到"), self.row(self.a2), self.row(self.a3, "缺席", "出差")])
        result = import_signin_file(
            path, target="meeting", record=self.meeting, actor=self.w.admin_a, scope_user=self.w.admin_a
        )
        self.assertTrue(result.ok, result.errors)
        self.assertEqual((result.created, result.updated), (2, 1))
        self.assertEqual(MeetingAttendance.objects.get(person=self.w.person_a).status, Mark.LATE)
        self.assertEqual(AuditEntry.objects.filter(event="import").count(), 1)
        again = import_signin_file(path, target="meeting", record=self.meeting, scope_user=self.w.admin_a)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 3))

    def test_the_web_import_previews_then_confirms(self):
        self.login_as(self.w.admin_a)
        url = reverse("study:import", args=["meeting", self.meeting.pk])
        content = self.sheet([self.row(self.w.person_a), self.row(self.a2)]).read_bytes()
        r = self.client.post(url, {"file": SimpleUploadedFile("签到表.xlsx", content)})
        self.assertContains(r, "校验通过")
        self.assertEqual(MeetingAttendance.objects.get(person=self.w.person_a).status, Mark.ABSENT)  # not yet
        r = self.client.post(
            reverse("study:import_confirm", args=["meeting", self.meeting.pk]),
            {"token": r.context["token"]},
            follow=True,
        )
        self.assertContains(r, "签到表导入完成")
        self.assertEqual(MeetingAttendance.objects.get(person=self.w.person_a).status, Mark.PRESENT)

    def test_the_web_import_shows_errors_with_row_numbers(self):
        self.login_as(self.w.admin_a)
        content = self.sheet([self.row(self.w.person_a), self.row(self.a2, "缺席")]).read_bytes()
        r = self.client.post(
            reverse("study:import", args=["meeting", self.meeting.pk]), {"file": SimpleUploadedFile("s.xlsx", content)}
        )
        self.assertContains(r, "文件中有错误，未导入任何数据")
        self.assertContains(r, "缺席须填写原因")

    def test_a_session_sheet_must_cover_everyone_invited(self):
        group = self.group(members=[self.w.person_a, self.a2])
        session = cg.session_plan(group=group, held_on=dt.date(2024, 4, 2), topic="学习", by=None)
        result = import_signin_file(
            self.sheet([self.row(self.w.person_a)]), target="session", record=session, scope_user=self.w.admin_a
        )
        self.assertIn("签到表缺少 1 名应参学人员", str(result.errors[0]))
        result = import_signin_file(
            self.sheet([self.row(self.w.person_a), self.row(self.a2, "请假", "病假")]),
            target="session",
            record=session,
            scope_user=self.w.admin_a,
        )
        self.assertTrue(result.ok)
        session.refresh_from_db()
        self.assertEqual(session.status, SessionStatus.HELD)


class TrainingSheetTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.k = self.klass(starts_on=dt.date(2024, 6, 3), days=2, capacity=2)
        self.day1, self.day2 = self.k.days.all()
        self.a2, self.a3 = self.people(self.w.branch_a1, 2)
        self.path = Path(tempfile.mkdtemp()) / "sheet.xlsx"

    def sheet(self, rows):
        self.path.write_bytes(excel.workbook_bytes(HEADERS + ["日期"], rows))
        return self.path

    def test_people_on_the_sheet_are_enrolled_from_the_day_they_signed(self):
        path = self.sheet(
            [
                [self.w.person_a.name, self.w.person_a.id_number, "出席", "", "2024-06-03"],
                [self.w.person_a.name, self.w.person_a.id_number, "出席", "", "2024-06-04"],
                [self.a2.name, self.a2.id_number, "迟到", "", "2024-06-04"],
            ]
        )
        result = import_signin_file(path, target="training", record=self.k, scope_user=self.w.admin_a)
        self.assertTrue(result.ok, result.errors)
        e = self.k.enrolments.get(person=self.a2)
        self.assertEqual((e.method, e.enrolled_on, e.days_attended), (EnrolMethod.IMPORT, self.day2.day, 1))
        self.assertEqual(self.k.enrolments.get(person=self.w.person_a).days_attended, 2)

    def test_a_date_that_is_not_a_class_day_is_refused(self):
        path = self.sheet([[self.a2.name, self.a2.id_number, "出席", "", "2024-06-10"]])
        result = import_signin_file(path, target="training", record=self.k, scope_user=self.w.admin_a)
        self.assertEqual(str(result.errors[0]), "第2行【日期】2024-06-10 不是该培训班的培训日")

    def test_more_newcomers_than_places_left_writes_nothing(self):
        rows = [[p.name, p.id_number, "出席", "", "2024-06-03"] for p in (self.w.person_a, self.a2, self.a3)]
        result = import_signin_file(self.sheet(rows), target="training", record=self.k, scope_user=self.w.admin_a)
        self.assertIn("超过剩余名额", str(result.errors[0]))
        self.assertFalse(self.k.enrolments.exists())

    def test_the_template_has_the_date_column(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:import_template", args=["training"]))
        self.assertEqual(r.status_code, 200)
        table = excel.read_table(self._save(r.content), {"姓名", "日期"})
        self.assertIn("日期", table.headers)

    def _save(self, content):
        self.path.write_bytes(content)
        return self.path
