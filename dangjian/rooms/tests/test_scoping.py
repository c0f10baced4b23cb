"""An organization administrator sees and manages only the rooms of their subtree; anything else is a 404."""

from dangjian.core.models import AuditEntry
from dangjian.rooms.services import VerdictIn

from .helpers import RoomsTestCase, fail, make_room, png


class ScopingTests(RoomsTestCase):
    def setUp(self):
        super().setUp()
        self.room_a = make_room(self.w.branch_a1, location="财政局办公楼2层")
        self.room_b = make_room(self.w.branch_b1, location="教育局综合楼5层")
        self.inspection_b = self.inspect(
            self.room_b, 有党的标识=VerdictIn(passed=True, photos=[png()]), 有书报刊物=fail(10)
        )
        self.photo_b = self.inspection_b.verdicts.get(item__title="有党的标识").photos.get()

    def test_admin_of_a_sees_only_a_rooms_in_the_list(self):
        self.login_as(self.w.admin_a)
        response = self.client.get("/rooms/")
        self.assertContains(response, "市财政局第一党支部")
        self.assertNotContains(response, "市教育局第一党支部")
        tasks = self.client.get("/rooms/rectifications/?state=all")
        self.assertNotContains(tasks, "市教育局第一党支部")

    def test_staff_see_every_room(self):
        self.login_as(self.w.staff)
        response = self.client.get("/rooms/")
        self.assertContains(response, "市财政局第一党支部")
        self.assertContains(response, "市教育局第一党支部")

    def test_admin_of_a_gets_a_recorded_404_for_everything_of_b(self):
        self.login_as(self.w.admin_a)
        b = self.room_b.pk
        for path in (
            f"/rooms/{b}/",
            f"/rooms/{b}/edit/",
            f"/rooms/{b}/inspect/",
            f"/rooms/{b}/recheck/",
            f"/rooms/inspections/{self.inspection_b.pk}/",
            f"/rooms/photos/{self.photo_b.pk}/",
            f"/rooms/photos/{self.photo_b.pk}/thumb/",
            "/rooms/?org=B",
            f"/api/v1/rooms/{b}",
        ):
            with self.subTest(path=path):
                before = AuditEntry.objects.filter(event="denied").count()
                self.assertEqual(self.client.get(path).status_code, 404)
                self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 1)

    def test_an_inspection_posted_at_a_room_out_of_scope_is_a_404_and_writes_nothing(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/rooms/{self.room_b.pk}/inspect/", {"held_on": "2026-01-05", "inspectors": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.room_b.inspections.count(), 1)

    def test_admin_of_a_may_register_rooms_only_in_a(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/rooms/new/", {"org": self.w.branch_b1.pk, "name": "党员活动室", "location": "x", "area_m2": "30"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不在您的管理范围内")
        response = self.client.post(
            "/rooms/new/", {"org": self.w.branch_a2.pk, "name": "党员活动室", "location": "3楼", "area_m2": "30"}
        )
        self.assertEqual(response.status_code, 302)

    def test_the_api_lists_only_a_rooms_for_a(self):
        self.login_as(self.w.admin_a)
        data = self.client.get("/api/v1/rooms/").json()
        self.assertEqual([r["org_code"] for r in data["items"]], ["A01"])

    def test_members_and_outsiders_see_no_room_pages(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertEqual(self.client.get("/rooms/").status_code, 404)
            self.assertEqual(self.client.get(f"/rooms/{self.room_a.pk}/").status_code, 404)
