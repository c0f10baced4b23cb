"""Brand training and exchange events the committee counts as training (计入培训统计) add to the
platform's training figures (training.classes, training.attendances) through the statistics
registry; events without the flag do not, and the cached figures follow every new event.

TransactionTestCase: the figures are cached outside a transaction that has written, and a write
invalidates them when it commits, as in a request.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.test import TransactionTestCase
from django.utils import timezone

from dangjian.brands import services
from dangjian.core import registry
from dangjian.core.testing import World

TODAY = timezone.localdate()


class TrainingFigureTests(TransactionTestCase):
    def setUp(self):
        ContentType.objects.clear_cache()  # another TransactionTestCase's flush recreates them
        self.w = World()
        self.year = TODAY.year

    def record(self, *, counts: bool, attendees: int = 180, held_on: dt.date = TODAY) -> None:
        services.exchange_record(
            committee=self.w.committee,
            kind="training",
            title="机关党建品牌创建专题培训班",
            held_on=held_on,
            place="市委党校",
            attendees=attendees,
            counts_in_training=counts,
            by=self.w.staff,
        )

    def training(self, org=None, year=None) -> tuple[float | int, float | int]:
        values = registry.compute(org or self.w.committee, year or self.year)
        return values["training.classes"], values["training.attendances"]

    def test_an_event_counted_in_training_raises_the_training_figures_of_its_committee_and_year(self):
        self.assertEqual(self.training(), (0, 0))  # now cached
        self.record(counts=True)
        self.assertEqual(self.training(), (1, 180))
        self.assertEqual(registry.value("training.attendances", self.w.committee, self.year), 180)
        self.assertEqual(
            registry.per_org("training.attendances", [self.w.committee], self.year), {self.w.committee.pk: 180}
        )
        self.assertEqual(self.training(self.w.org_a), (0, 0))  # a party committee below: not its event
        self.assertEqual(self.training(year=self.year - 1), (0, 0))
        values = registry.compute(self.w.committee, self.year)
        self.assertEqual((values["brands.training_sessions"], values["brands.training_attendances"]), (1, 180))
        self.record(counts=True, attendees=20)
        self.assertEqual(self.training(), (2, 200))

    def test_an_event_not_counted_in_training_leaves_the_figures_alone(self):
        self.assertEqual(self.training(), (0, 0))
        self.record(counts=False)
        self.assertEqual(self.training(), (0, 0))
        values = registry.compute(self.w.committee, self.year)
        self.assertEqual((values["brands.training_sessions"], values["brands.training_attendances"]), (0, 0))

    def test_an_event_still_to_come_is_not_counted_yet(self):
        if TODAY.month == 12 and TODAY.day == 31:
            return  # no later day in the year
        self.record(counts=True, held_on=TODAY + dt.timedelta(days=1))
        self.assertEqual(self.training(), (0, 0))

    def test_the_records_page_lists_the_counted_events(self):
        self.record(counts=True, attendees=180)
        self.record(counts=False, attendees=99)
        self.client.force_login(self.w.staff)
        response = self.client.get(f"/brands/records/training/?org=GW&year={self.year}")
        self.assertEqual(response.context["total"], 1)
        self.assertEqual(response.context["attendances"], 180)
        self.assertContains(response, "参加培训 <strong>180</strong> 人次")
        export = self.client.get(f"/brands/records/training/?org=GW&year={self.year}&export=xlsx")
        self.assertEqual(export.status_code, 200)
