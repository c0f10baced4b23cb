"""Inspections item by item: the result, rectification tasks for failed items, and the recheck that closes them."""

import datetime as dt

from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.rooms import services
from dangjian.rooms.models import InspectionKind, RectificationStatus
from dangjian.rooms.services import VerdictIn

from .helpers import RoomsTestCase, all_pass, fail, in_days, make_room


class InspectionTests(RoomsTestCase):
    def setUp(self):
        super().setUp()
        self.room = make_room(self.w.branch_a1)

    def test_a_room_is_standard_when_every_required_item_passes(self):
        inspection = self.inspect(self.room)
        self.assertTrue(inspection.passed)
        self.room.refresh_from_db()
        self.assertEqual(self.room.latest_inspection, inspection)

    def test_a_failed_recommended_item_does_not_make_it_substandard(self):
        inspection = self.inspect(self.room, 有电教设备=VerdictIn(passed=False, note="无投影"))
        self.assertTrue(inspection.passed)
        self.assertFalse(inspection.verdicts.get(item__title="有电教设备").passed)

    def test_a_recommended_item_may_be_left_unassessed(self):
        inspection = self.inspect(self.room, 有电教设备=VerdictIn(passed=None))
        self.assertTrue(inspection.passed)
        self.assertIsNone(inspection.verdicts.get(item__title="有电教设备").passed)

    def test_a_failed_required_item_makes_it_substandard_and_raises_a_task_with_its_deadline(self):
        inspection = self.inspect(self.room, 有党的标识=fail(20, requirement="入党誓词上墙"))
        self.assertFalse(inspection.passed)
        task = self.room.rectifications.get()
        self.assertEqual(
            (task.item_title, task.requirement, task.deadline), ("有党的标识", "入党誓词上墙", in_days(20))
        )
        self.assertEqual(task.status, RectificationStatus.OPEN)

    def test_a_recheck_looks_at_the_rectified_items_only_and_closes_them(self):
        first = self.inspect(self.room, held_on=in_days(-10), 有党的标识=fail(10), 有工作台账=fail(10))
        base, items = services.recheck_items(self.room)
        self.assertEqual(base, first)
        self.assertEqual([i.title for i in items], ["有党的标识", "有工作台账"])
        keys = {i.title: i.key for i in items}
        recheck = services.recheck_record(
            room=self.room,
            held_on=timezone.localdate(),
            inspectors="工委组织部",
            verdicts={keys["有党的标识"]: VerdictIn(passed=True), keys["有工作台账"]: VerdictIn(passed=True)},
            by=self.w.staff,
        )
        self.assertEqual(recheck.kind, InspectionKind.RECHECK)
        self.assertEqual(recheck.rechecks, first)
        self.assertTrue(recheck.passed)
        self.assertEqual(recheck.verdicts.count(), 7)
        self.assertEqual(recheck.verdicts.filter(carried=True).count(), 5)
        self.assertFalse(self.room.rectifications.filter(status=RectificationStatus.OPEN).exists())
        self.assertEqual(set(self.room.rectifications.values_list("closed_by", flat=True)), {recheck.pk})

    def test_an_item_failing_its_recheck_stays_under_rectification_with_the_new_deadline(self):
        self.inspect(self.room, held_on=in_days(-10), 有党的标识=fail(5), 有工作台账=fail(5))
        _, items = services.recheck_items(self.room)
        keys = {i.title: i.key for i in items}
        recheck = services.recheck_record(
            room=self.room,
            held_on=timezone.localdate(),
            inspectors="工委组织部",
            verdicts={keys["有党的标识"]: VerdictIn(passed=True), keys["有工作台账"]: fail(40)},
            by=self.w.staff,
        )
        self.assertFalse(recheck.passed)
        open_tasks = list(self.room.rectifications.filter(status=RectificationStatus.OPEN))
        self.assertEqual([(t.item_title, t.deadline) for t in open_tasks], [("有工作台账", in_days(40))])

    def test_a_recheck_needs_open_tasks(self):
        self.inspect(self.room)
        with self.assertRaises(services.inspections.NothingToRecheck):
            services.recheck_record(room=self.room, held_on=timezone.localdate(), inspectors="x", verdicts={})

    def test_a_full_inspection_that_passes_the_item_also_closes_its_task(self):
        self.inspect(self.room, held_on=in_days(-3), 有书报刊物=fail(10))
        second = self.inspect(self.room)
        task = self.room.rectifications.get()
        self.assertEqual((task.status, task.closed_by), (RectificationStatus.CLOSED, second))

    def test_an_older_inspection_recorded_late_does_not_replace_the_latest(self):
        latest = self.inspect(self.room)
        self.inspect(self.room, held_on=timezone.localdate() - dt.timedelta(days=90), 有书报刊物=fail(10))
        self.room.refresh_from_db()
        self.assertEqual(self.room.latest_inspection, latest)

    def test_photos_are_kept_without_their_exif(self):
        from PIL import Image

        from .helpers import jpeg_with_exif

        data = jpeg_with_exif()
        self.assertIn(b"PhoneMaker", data)
        inspection = self.inspect(self.room, 有党的标识=VerdictIn(passed=True, photos=[data]))
        photo = inspection.verdicts.get(item__title="有党的标识").photos.get()
        stored = photo.file.open("rb").read()
        self.assertNotIn(b"PhoneMaker", stored)
        with Image.open(photo.file.path) as img:
            self.assertEqual(dict(img.getexif()), {})
        self.assertTrue(photo.thumbnail.name.endswith("-thumb.jpg"))

    def test_the_inspection_page_records_verdicts_and_photos(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from .helpers import items_of, png

        self.login_as(self.w.admin_a)
        data = {"held_on": timezone.localdate().isoformat(), "inspectors": "财政局机关党委"}
        for item in items_of(self.w.branch_a1):
            data[f"v_{item.key}"] = "pass"
        flag = next(i for i in items_of(self.w.branch_a1) if i.title == "有党的标识")
        data[f"v_{flag.key}"] = "fail"
        data[f"deadline_{flag.key}"] = in_days(15).isoformat()
        data[f"photos_{flag.key}"] = [SimpleUploadedFile("墙面.png", png()), SimpleUploadedFile("墙面2.png", png())]
        response = self.client.post(f"/rooms/{self.room.pk}/inspect/", data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        inspection = self.room.inspections.get()
        self.assertFalse(inspection.passed)
        self.assertEqual(inspection.verdicts.get(item=flag).photos.count(), 2)
        page = self.client.get(response["Location"])
        self.assertContains(page, "未达标")
        self.assertContains(page, "/rooms/photos/")

    def test_errors_codes_are_stable(self):
        with self.assertRaises(Exception) as caught:
            services.inspection_record(
                room=self.room,
                held_on=timezone.localdate(),
                inspectors="x",
                verdicts=all_pass(self.room.org, 有固定场所=VerdictIn(passed=None)),
            )
        self.assertEqual(codes_of(caught.exception), {"verdict_missing"})
