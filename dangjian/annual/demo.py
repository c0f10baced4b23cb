"""Demo data: the committee's year-end report of the demo year (last year), drafted from the defaults."""

from __future__ import annotations

from dangjian.core.seeding import SeedContext

from . import services


def seed_annual(ctx: SeedContext) -> None:
    year = ctx.today.year - 1
    services.report_create(org=ctx.root, year=year, today=ctx.today)
    ctx.counts["年度报告"] = 1
