"""The brands of the three batches: submitted (some returned once and resubmitted), recognized or drafts,
with their versions and the events of their submission."""

from __future__ import annotations

import datetime as dt

from dangjian.orgs.models import Organization

from ..models import Brand, BrandEvent, BrandStatus, BrandVersion
from .base import Batches, Seed


def seed_applications(
    s: Seed,
    batches: Batches,
    *,
    pilot_orgs: list[Organization],
    batch_orgs: list[Organization],
    draft_orgs: list[Organization],
) -> None:
    # The pilot batch: submitted in March last year, recognized in June.
    pilot_winners = set(s.rng.sample(range(len(pilot_orgs)), s.volume.pilot_recognized))
    for i, org in enumerate(pilot_orgs):
        submitted = s.at(dt.date(s.year - 1, 3, s.rng.randint(1, 28)))
        won = i in pilot_winners
        b = s.make(
            org,
            batches.pilot,
            BrandStatus.RECOGNIZED if won else BrandStatus.NOT_SELECTED,
            version_count=1,
            first_submitted_at=submitted,
            submitted_at=submitted,
            created_at=submitted - dt.timedelta(days=7),
        )
        if won:
            b.selected_at, b.recognized_at = batches.pilot.noticed_at, batches.pilot.recognized_at
        else:
            b.not_selected_at = batches.pilot.noticed_at
        s.histories.append({"brand": b, "versions": [submitted], "returned": None})

    # The first batch this year: 63 submitted, some returned once, 30 recognized.
    returned = set(s.rng.sample(range(len(batch_orgs)), s.volume.returned_once))
    for i, org in enumerate(batch_orgs):
        submitted = s.at(s.on(s.rng.uniform(0.05, 0.3)))
        stamps = [submitted]
        back = None
        if i in returned:
            back = submitted + dt.timedelta(days=s.rng.randint(3, 8))
            stamps.append(back + dt.timedelta(days=s.rng.randint(2, 6)))
        b = s.make(
            org,
            batches.first,
            BrandStatus.SUBMITTED,
            version_count=len(stamps),
            first_submitted_at=submitted,
            submitted_at=stamps[-1],
            returned_at=back,
            created_at=submitted - dt.timedelta(days=5),
        )
        s.histories.append({"brand": b, "versions": stamps, "returned": back})

    for org in draft_orgs:
        created = s.at(s.on(0.95))
        s.make(org, batches.second, BrandStatus.DRAFT, created_at=created, updated_at=created)
    Brand.objects.bulk_create(s.brands, batch_size=500)

    # Certificates for the pilot winners.
    for n, b in enumerate((p["brand"] for p in s.histories[: len(pilot_orgs)] if p["brand"].recognized_at), start=1):
        b.certificate_no = f"品牌认定〔{batches.pilot.year}〕{batches.pilot.pk:02d}-{n:03d}号"

    versions: list[BrandVersion] = []
    events = s.events
    staff = batches.staff
    for p in s.histories:
        b = p["brand"]
        events.append(BrandEvent(brand=b, action=BrandEvent.Action.CREATED, to_status="draft", at=b.created_at))
        for n, when in enumerate(p["versions"], start=1):
            versions.append(
                BrandVersion(
                    brand=b,
                    number=n,
                    name=b.name,
                    slogan=b.slogan,
                    meaning=b.meaning,
                    vehicle=b.vehicle,
                    impact=b.impact if n == len(p["versions"]) else b.impact[:20] + "……",
                    logo=b.logo.name,
                    logo_thumb=b.logo_thumb.name,
                    logo_sha256="",
                    submitted_at=when,
                )
            )
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.SUBMITTED,
                    at=when,
                    data={"version": n},
                    from_status="draft" if n == 1 else "returned",
                    to_status="submitted",
                )
            )
            if n == 1 and p["returned"]:
                events.append(
                    BrandEvent(
                        brand=b,
                        action=BrandEvent.Action.RETURNED,
                        at=p["returned"],
                        actor=staff,
                        from_status="submitted",
                        to_status="returned",
                        comment="品牌成效缺少具体数据，请补充近一年的工作成效和群众评价。",
                    )
                )
    draft_brands = [b for b in s.brands if b.status == BrandStatus.DRAFT]
    for b in draft_brands:
        events.append(BrandEvent(brand=b, action=BrandEvent.Action.CREATED, to_status="draft", at=b.created_at))
    BrandVersion.objects.bulk_create(versions, batch_size=1000)
