"""The demo data set, seeded once per test class on a fixed day."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

# A fixed day in the past, so terms due soon or overdue are the same on every run.
TODAY = dt.date(2025, 6, 30)


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--scale", "demo", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


class SeededTestCase(TestCase):
    """Starts from the demo data set (not from the named World: seeding wants an empty database)."""

    output = ""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.output = seed_demo()
