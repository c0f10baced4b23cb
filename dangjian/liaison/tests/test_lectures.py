"""Mobile lectures: scheduling, confirming held, attendees from the roster, materials."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from dangjian.core.errors import codes_of
from dangjian.core.testing import MemberFactory
from dangjian.liaison import services
from dangjian.liaison.models import LectureAttendance, LectureMaterial, LectureStatus

from .helpers import TODAY, LiaisonTestCase, day


class LectureTests(LiaisonTestCase):
    def test_a_lecture_is_scheduled_then_confirmed_held(self):
        lecture = self.lecture(held=False)
        self.assertEqual((lecture.status, lecture.held_at), (LectureStatus.SCHEDULED, None))
        held = services.lecture_mark_held(lecture=lecture, today=TODAY)
        self.assertEqual(held.status, LectureStatus.HELD)
        self.assertIsNotNone(held.held_at)
        with self.assertRaises(Exception) as refused:
            services.lecture_mark_held(lecture=held, today=TODAY)
        self.assertEqual(codes_of(refused.exception), {"lecture_already_held"})

    def test_it_cannot_be_confirmed_or_attended_before_its_day(self):
        lecture = self.lecture(on=day(12, 20), held=False)
        with self.assertRaises(Exception) as refused:
            services.lecture_mark_held(lecture=lecture, today=TODAY)
        self.assertEqual(codes_of(refused.exception), {"lecture_not_held_yet"})
        with self.assertRaises(Exception) as refused:
            services.attendance_set(lecture=lecture, members=[self.w.person_a], today=TODAY)
        self.assertEqual(codes_of(refused.exception), {"lecture_not_held_yet"})

    def test_it_refuses_a_topic_or_lecturer_left_blank(self):
        for topic, lecturer, code in (("", "王", "topic_missing"), ("主题", " ", "lecturer_missing")):
            with self.assertRaises(Exception) as refused:
                services.lecture_create(topic=topic, lecturer=lecturer, org=self.w.branch_a1, held_on=day(3))
            self.assertEqual(codes_of(refused.exception), {code})

    def test_attendees_come_from_the_visited_organizations_roster(self):
        lecture = self.lecture(org=self.w.org_a)
        colleague = MemberFactory(name="钱同志", org=self.w.branch_a2)
        services.attendance_set(lecture=lecture, members=[self.w.person_a, colleague], today=TODAY)
        self.assertEqual(set(lecture.attendances.values_list("member__name", flat=True)), {"张建国", "钱同志"})
        # Saving again sets exactly the list: one dropped, nobody counted twice.
        services.attendance_set(lecture=lecture, members=[self.w.person_a], today=TODAY)
        self.assertEqual(list(lecture.attendances.values_list("member__name", flat=True)), ["张建国"])

    def test_it_refuses_an_attendee_not_on_the_roster_and_writes_nothing(self):
        lecture = self.lecture(org=self.w.branch_a1)
        with self.assertRaises(Exception) as refused:
            services.attendance_set(lecture=lecture, members=[self.w.person_a, self.w.person_b], today=TODAY)
        self.assertEqual(codes_of(refused.exception), {"attendee_not_on_roster"})
        self.assertIn("李红梅", str(refused.exception))
        self.assertFalse(LectureAttendance.objects.exists())

    @override_settings(MEDIA_ROOT="/tmp/liaison-test-media")
    def test_materials_pass_the_kernels_upload_rules(self):
        lecture = self.lecture()
        material = services.material_add(lecture=lecture, upload=SimpleUploadedFile("课件.pdf", b"%PDF-1.7\n..."))
        self.assertEqual((material.name, material.content_type), ("课件.pdf", "application/pdf"))
        with self.assertRaises(Exception) as refused:
            services.material_add(lecture=lecture, upload=SimpleUploadedFile("课件.pdf", b"<html><script>"))
        self.assertEqual(codes_of(refused.exception), {"upload_mismatch"})
        with self.assertRaises(Exception) as refused:
            services.material_add(lecture=lecture, upload=SimpleUploadedFile("run.exe", b"MZ"))
        self.assertEqual(codes_of(refused.exception), {"upload_type"})
        self.assertEqual(LectureMaterial.objects.count(), 1)
