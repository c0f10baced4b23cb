"""How hours are computed: actual service time inside the planned window, rounded down."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import SimpleTestCase, override_settings

from dangjian.volunteer.services.hours import service_hours

START = dt.datetime(2025, 5, 10, 8, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=3)


def at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


class HoursRuleTests(SimpleTestCase):
    def test_it_counts_the_time_between_check_in_and_check_out(self):
        self.assertEqual(service_hours(at(0), at(120), START, END), Decimal("2.00"))

    def test_it_does_not_count_waiting_before_the_start_or_staying_after_the_end(self):
        self.assertEqual(service_hours(at(-45), at(240), START, END), Decimal("3.00"))

    def test_it_rounds_down_to_half_hours(self):
        self.assertEqual(service_hours(at(10), at(109), START, END), Decimal("1.50"))

    def test_it_gives_nothing_for_a_check_out_before_the_start(self):
        self.assertEqual(service_hours(at(-60), at(-10), START, END), Decimal("0.00"))

    @override_settings(DANGJIAN={"volunteer": {"hours_step_minutes": 15}})
    def test_it_follows_the_configured_step(self):
        self.assertEqual(service_hours(at(0), at(100), START, END), Decimal("1.50"))
        self.assertEqual(service_hours(at(0), at(105), START, END), Decimal("1.75"))
