"""Demo data of the study module (its seeders are listed in study/manifest.py; seed_demo runs them).

Five years, up to the seeding day, of central-group study, training classes and
organization life for the committee just written, deterministic from
ctx.rng(...). Rows go in with bulk inserts; auditlog is off during seeding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import load_world
from .central_group import seed_central_group
from .org_life import seed_meetings
from .training import seed_training

if TYPE_CHECKING:
    from dangjian.core.seeding import SeedContext

YEARS = 5


def seed_study(ctx: SeedContext) -> None:
    if not ctx.people:
        return  # without a roster there is nobody to attend
    if ctx.scale == "province" and ctx.committee_index > 0:
        # A city writes 1.3 million attendance rows; a hundred of them would be 130 million.
        # The province scale is for load on the roster: only its first committee gets study data.
        return
    world = load_world(ctx.root)
    first_year = ctx.today.year - YEARS + 1
    meetings, meeting_rows = seed_meetings(world, ctx.rng("study.org_life"), first_year=first_year, today=ctx.today)
    central = seed_central_group(world, ctx.rng("study.central_group"), first_year=first_year, today=ctx.today)
    training = seed_training(world, ctx.rng("study.training"), first_year=first_year, today=ctx.today)
    ctx.counts["学习·组织生活会议"] = meetings
    ctx.counts["学习·会议出勤记录"] = meeting_rows
    ctx.counts["学习·中心组集体学习"] = central["sessions"]
    ctx.counts["学习·中心组参学人次"] = central["attendances"]
    ctx.counts["学习·列席安排"] = central["observers"]
    ctx.counts["学习·培训班"] = training["classes"]
    ctx.counts["学习·培训报名"] = training["enrolments"]
    ctx.counts["学习·培训签到记录"] = training["day_marks"]
