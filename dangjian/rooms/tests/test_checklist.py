"""The committee's checklist: the default 七有, edited by committee staff, frozen once an inspection used it."""

from dangjian.core.errors import codes_of
from dangjian.rooms import services
from dangjian.rooms.errors import LastRequiredItem, NotCommitteeStaff
from dangjian.rooms.models import Checklist

from .helpers import RoomsTestCase, make_room


class ChecklistTests(RoomsTestCase):
    def test_it_starts_from_the_seven_haves_with_audio_visual_equipment_recommended(self):
        checklist = services.checklist_current(committee=self.w.committee)
        items = list(checklist.items.order_by("position"))
        self.assertEqual(len(items), 7)
        self.assertEqual(items[0].title, "有固定场所")
        self.assertIn("20 平方米", items[0].description)
        self.assertEqual([i.title for i in items if not i.required], ["有电教设备"])

    def test_staff_edit_the_version_in_place_until_an_inspection_uses_it(self):
        item = services.checklist_item_add(
            committee=self.w.committee, title="有活动计划", description="年度活动计划上墙", by=self.w.staff
        )
        self.assertEqual(item.checklist.version, 1)
        self.assertEqual(Checklist.objects.filter(committee=self.w.committee).count(), 1)

    def test_a_version_an_inspection_used_is_frozen_and_an_edit_starts_the_next(self):
        room = make_room(self.w.branch_a1)
        inspection = self.inspect(room)
        first = inspection.checklist
        first.refresh_from_db()
        self.assertIsNotNone(first.frozen_at)
        flag = first.items.get(title="有党的标识")
        saved = services.checklist_item_update(
            item=flag, title="有党的标识", description="党旗上墙", required=True, position=2, by=self.w.staff
        )
        self.assertEqual(saved.checklist.version, 2)
        flag.refresh_from_db()
        self.assertEqual(flag.description, "党旗、入党誓词、党员权利和义务上墙")  # the old version is untouched
        self.assertEqual(saved.key, flag.key)
        # The next inspection uses version 2; the earlier one still shows version 1.
        self.assertEqual(self.inspect(room).checklist.version, 2)
        inspection.refresh_from_db()
        self.assertEqual(inspection.checklist.version, 1)

    def test_an_org_admin_may_not_change_the_checklist(self):
        item = services.checklist_current(committee=self.w.committee).items.first()
        with self.assertRaises(NotCommitteeStaff):
            services.checklist_item_remove(item=item, by=self.w.admin_a)
        self.assertEqual(services.checklist_current(committee=self.w.committee).items.count(), 7)

    def test_the_last_required_item_cannot_go(self):
        checklist = services.checklist_current(committee=self.w.committee)
        required = list(checklist.items.filter(required=True))
        for item in required[:-1]:
            services.checklist_item_remove(item=item, by=self.w.staff)
        with self.assertRaises(LastRequiredItem) as caught:
            services.checklist_item_remove(item=required[-1], by=self.w.staff)
        self.assertEqual(codes_of(caught.exception), {"checklist_last_required"})

    def test_the_page_shows_staff_the_edit_form_and_admins_only_the_items(self):
        self.login_as(self.w.staff)
        self.assertContains(self.client.get("/rooms/checklist/"), 'action="/rooms/checklist/items/new/"')
        self.client.post("/rooms/checklist/items/new/", {"title": "有活动计划", "required": "on"})
        self.assertTrue(
            services.checklist_current(committee=self.w.committee).items.filter(title="有活动计划").exists()
        )
        self.login_as(self.w.admin_a)
        response = self.client.get("/rooms/checklist/")
        self.assertContains(response, "有活动计划")
        self.assertNotContains(response, 'action="/rooms/checklist/items/new/"')
        self.assertEqual(self.client.post("/rooms/checklist/items/new/", {"title": "X"}).status_code, 404)
