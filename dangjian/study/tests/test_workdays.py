import datetime as dt

from django.test import SimpleTestCase, override_settings

from dangjian.study.workdays import notice_deadline, working_days_between

MON = dt.date(2025, 3, 3)  # a Monday


class WorkingDaysTests(SimpleTestCase):
    def test_it_counts_a_monday_to_the_next_monday_as_five_working_days(self):
        self.assertEqual(working_days_between(MON, MON + dt.timedelta(days=7)), 5)

    def test_it_skips_the_weekend(self):
        friday = MON + dt.timedelta(days=4)
        self.assertEqual(working_days_between(friday, friday + dt.timedelta(days=3)), 1)  # Friday → Monday

    def test_it_counts_nothing_for_the_same_day_or_earlier(self):
        self.assertEqual(working_days_between(MON, MON), 0)
        self.assertEqual(working_days_between(MON, MON - dt.timedelta(days=3)), 0)

    @override_settings(DANGJIAN={"study": {"holidays": ("2025-03-05",), "extra_workdays": ("2025-03-08",)}})
    def test_it_skips_configured_holidays_and_counts_make_up_days(self):
        self.assertEqual(working_days_between(MON, MON + dt.timedelta(days=7)), 5)  # Wed off, Sat worked

    def test_the_notice_deadline_is_five_working_days_before(self):
        self.assertEqual(notice_deadline(MON + dt.timedelta(days=7), 5), MON)
        self.assertEqual(
            notice_deadline(MON + dt.timedelta(days=3), 5), MON - dt.timedelta(days=4)
        )  # Thursday → Friday before
