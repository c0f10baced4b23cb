"""Demo data of the admission app (filled in below)."""

from __future__ import annotations

from dangjian.core.seeding import SeedContext


def seed_admission(ctx: SeedContext) -> None:
    ctx.counts["发展党员档案"] = 0
