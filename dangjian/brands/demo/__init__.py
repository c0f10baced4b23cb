"""Demo data of the brand module (found through the manifest by seed_demo: `dangjian.brands.demo:seed_brands`).

Per committee, a three-year plan “一支部一品牌” (last year to next year) with
its stages 培育 → 认定 → 深化, and:

- a pilot batch last year (`city`: 12 submitted, 8 recognized), re-evaluated
  this year: most kept, two downgraded, one revoked (each after its notice) and
  one downgrade still on notice;
- this year's first batch, the seed report's year: 63 submitted (some returned
  once and resubmitted, so with two versions), scored by 7 reviewers, 30
  recognized after a 5-working-day notice, the others 未入选;
- this year's second batch, open, with a few drafts;
- a brand training class and an exchange meeting where seven demonstration
  organizations presented.

Rows go in with bulk_create: seeding is not a user's write (auditlog is off).
Everything random comes from `ctx.rng("brands")`, drawn in the order of the
steps below; dates from `ctx.today`.
"""

from __future__ import annotations

from dangjian.core import tree
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind

from ..models import Brand, BrandEvent
from .applications import seed_applications
from .base import VOLUMES, Seed
from .batches import seed_plan
from .exchange import seed_exchange
from .reevaluation import seed_reevaluations
from .scoring import seed_scores

# Written by the scoring and the re-evaluation, saved once at the end.
DECIDED_FIELDS = (
    "status",
    "selected_at",
    "recognized_at",
    "not_selected_at",
    "certificate_no",
    "downgraded_at",
    "probation_until",
    "revoked_at",
)


def seed_brands(ctx: SeedContext) -> None:
    s = Seed(ctx=ctx, volume=VOLUMES.get(ctx.scale, VOLUMES["demo"]), rng=ctx.rng("brands"))
    volume = s.volume
    branches = list(Organization.objects.filter(tree.subtree_q([ctx.root.path]), kind=OrgKind.BRANCH).order_by("path"))
    wanted = volume.pilot + volume.submitted + volume.drafts
    if len(branches) < wanted:
        return
    chosen = s.rng.sample(branches, wanted)
    pilot_orgs = sorted(chosen[: volume.pilot], key=lambda o: o.path)
    batch_orgs = sorted(chosen[volume.pilot : volume.pilot + volume.submitted], key=lambda o: o.path)
    draft_orgs = sorted(chosen[volume.pilot + volume.submitted :], key=lambda o: o.path)

    batches = seed_plan(s)
    seed_applications(s, batches, pilot_orgs=pilot_orgs, batch_orgs=batch_orgs, draft_orgs=draft_orgs)
    pilot_brands, first_brands, winners = seed_scores(s, batches)
    seed_reevaluations(s, batches.staff, pilot_brands)
    Brand.objects.bulk_update(pilot_brands + first_brands, list(DECIDED_FIELDS), batch_size=500)
    seed_exchange(s, batches.staff, pilot_brands, first_brands, winners)
    BrandEvent.objects.bulk_create(s.events, batch_size=2000)

    submitted_this_year = sum(1 for b in s.brands if b.first_submitted_at and b.first_submitted_at.year == s.year)
    for key, value in (("党建品牌申报", submitted_this_year), ("党建品牌认定", len(winners))):
        ctx.counts[key] = ctx.counts.get(key, 0) + value
