"""The demo seeder drafts the committee's report of the demo year (last year)."""

from __future__ import annotations

import datetime as dt

from dangjian.annual.demo import seed_annual
from dangjian.annual.models import AnnualReport, Status
from dangjian.core.seeding import SeedContext

from .helpers import AnnualTestCase


class DemoSeedTests(AnnualTestCase):
    def test_it_drafts_the_demo_years_report(self):
        ctx = SeedContext(
            scale="demo", seed=1, today=dt.date(2026, 9, 15), root=self.w.committee, committee_index=0, people=True
        )
        seed_annual(ctx)
        report = AnnualReport.objects.get()
        self.assertEqual((report.org, report.year, report.status), (self.w.committee, 2025, Status.DRAFT))
        self.assertEqual(report.sections.count(), 5)
