"""Bad input is refused in Chinese and writes nothing: not an image, a deadline in the past, a missing verdict."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.rooms import services
from dangjian.rooms.models import Inspection, Photo, Rectification
from dangjian.rooms.services import VerdictIn

from .helpers import RoomsTestCase, all_pass, fail, in_days, items_of, make_room, png


class BadInputTests(RoomsTestCase):
    def setUp(self):
        super().setUp()
        self.room = make_room(self.w.branch_a1)

    def assert_nothing_written(self):
        self.assertEqual(Inspection.objects.count(), 0)
        self.assertEqual(Photo.objects.count(), 0)
        self.assertEqual(Rectification.objects.count(), 0)
        self.assertEqual(list(Path(self._media).rglob("*.*")), [])
        self.room.refresh_from_db()
        self.assertIsNone(self.room.latest_inspection)

    def record(self, **overrides):
        return services.inspection_record(
            room=self.room,
            held_on=timezone.localdate(),
            inspectors="工委组织部",
            verdicts=all_pass(self.room.org, **overrides),
            by=self.w.staff,
        )

    def test_a_photo_that_is_not_an_image_is_refused(self):
        with self.assertRaises(Exception) as caught:
            self.record(有党的标识=VerdictIn(passed=True, photos=[png(), b"<svg onload=alert(1)>"]))
        self.assertEqual(codes_of(caught.exception), {"image_invalid"})
        self.assert_nothing_written()

    def test_a_deadline_in_the_past_is_refused(self):
        with self.assertRaises(Exception) as caught:
            self.record(有党的标识=fail(-1))
        self.assertEqual(codes_of(caught.exception), {"deadline_past"})
        self.assert_nothing_written()

    def test_a_failed_required_item_needs_a_deadline(self):
        with self.assertRaises(Exception) as caught:
            self.record(有党的标识=fail(None))
        self.assertEqual(codes_of(caught.exception), {"deadline_missing"})
        self.assert_nothing_written()

    def test_a_required_item_without_a_verdict_is_refused(self):
        with self.assertRaises(Exception) as caught:
            self.record(有工作台账=VerdictIn(passed=None))
        self.assertEqual(codes_of(caught.exception), {"verdict_missing"})
        self.assert_nothing_written()

    def test_an_inspection_dated_in_the_future_is_refused(self):
        with self.assertRaises(Exception) as caught:
            services.inspection_record(
                room=self.room, held_on=in_days(1), inspectors="工委", verdicts=all_pass(self.room.org)
            )
        self.assertEqual(codes_of(caught.exception), {"inspection_invalid"})
        self.assert_nothing_written()

    def test_every_problem_is_reported_at_once(self):
        with self.assertRaises(Exception) as caught:
            self.record(有工作台账=VerdictIn(passed=None), 有党的标识=fail(-5))
        self.assertEqual(codes_of(caught.exception), {"verdict_missing", "deadline_past"})
        self.assert_nothing_written()

    def test_the_page_says_why_in_chinese_and_keeps_nothing(self):
        self.login_as(self.w.staff)
        items = items_of(self.room.org)
        data = {"held_on": timezone.localdate().isoformat(), "inspectors": "工委组织部"}
        for item in items:
            data[f"v_{item.key}"] = "pass"
        flag, books = items[1], items[2]
        data[f"v_{flag.key}"] = "fail"
        data[f"deadline_{flag.key}"] = in_days(-3).isoformat()
        del data[f"v_{books.key}"]
        data[f"photos_{items[0].key}"] = SimpleUploadedFile("活动室.png", b"MZ\x90\x00 not an image")
        response = self.client.post(f"/rooms/{self.room.pk}/inspect/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "整改期限不能早于今天")
        self.assertContains(response, "还没有检查结论")
        self.assertContains(response, "图片无法识别")
        self.assertContains(response, "未保存任何内容")
        self.assert_nothing_written()

    def test_a_room_needs_a_location_and_a_sensible_area(self):
        from dangjian.rooms.errors import BadRoom

        with self.assertRaises(BadRoom):
            services.room_register(org=self.w.branch_a2, location="  ", area_m2="30")
        with self.assertRaises(BadRoom):
            services.room_register(org=self.w.branch_a2, location="3楼", area_m2="-4")
        with self.assertRaises(services.rooms.RoomExists):
            services.room_register(org=self.w.branch_a1, location="3楼", area_m2="30")
