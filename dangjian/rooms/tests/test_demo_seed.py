"""The demo seeder: rooms under the committee, standardized ones and failing ones with open tasks, deterministic."""

import datetime as dt

from dangjian.core import registry
from dangjian.core.seeding import SeedContext
from dangjian.rooms.demo import seed_rooms
from dangjian.rooms.models import Inspection, Rectification, RectificationStatus, Room

from .helpers import RoomsTestCase

TODAY = dt.date(2026, 9, 15)


class DemoSeedTests(RoomsTestCase):
    def seed(self) -> SeedContext:
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_rooms(ctx)
        return ctx

    def test_it_writes_rooms_that_agree_with_the_figures(self):
        ctx = self.seed()
        rooms = list(Room.objects.select_related("latest_inspection"))
        self.assertEqual(len(rooms), 5)  # every organization of the small world but the committee
        standardized = [r for r in rooms if r.latest_inspection and r.latest_inspection.passed]
        failing = [r for r in rooms if r.latest_inspection and not r.latest_inspection.passed]
        self.assertEqual(ctx.counts["标准化党员活动室"], len(standardized))
        self.assertEqual(registry.get("activity_rooms.standardized")(self.w.committee, TODAY.year), len(standardized))
        for room in failing:
            self.assertTrue(room.rectifications.filter(status=RectificationStatus.OPEN).exists())
        for room in standardized:
            self.assertFalse(room.rectifications.filter(status=RectificationStatus.OPEN).exists())
        self.assertFalse(Inspection.objects.filter(held_on__gt=TODAY).exists())

    def test_it_is_deterministic(self):
        self.seed()
        first = list(Rectification.objects.order_by("pk").values_list("item_key", "deadline", "status"))
        Room.objects.all().delete()
        self.seed()
        self.assertEqual(
            list(Rectification.objects.order_by("pk").values_list("item_key", "deadline", "status")), first
        )
