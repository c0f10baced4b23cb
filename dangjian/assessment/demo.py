"""Demo data of the assessment (found through the manifest by seed_demo): filled below."""

from __future__ import annotations

from dangjian.core.seeding import SeedContext


def seed_assessment(ctx: SeedContext) -> None:
    return None
