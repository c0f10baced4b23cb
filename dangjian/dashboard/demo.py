"""Demo data: two display links of the committee (one live, one revoked), written in one go.

The keys come from the seed; the signed tokens carry the time they were signed (django.core.signing),
so only they differ between two runs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.seeding import SeedContext

from .models import LinkStatus, ScreenLink
from .selectors import sign

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def seed_dashboard(ctx: SeedContext) -> None:
    start = timezone.make_aware(dt.datetime.combine(ctx.today, dt.time(9)))
    rng = ctx.rng("dashboard")
    links = []
    for name, days, revoked in (("工委三楼会议室大屏", 90, False), ("机关大厅展示屏（已停用）", 30, True)):
        key = "".join(rng.choice(ALPHABET) for _ in range(32))
        created = start - dt.timedelta(days=rng.randrange(5, 40))
        links.append(
            ScreenLink(
                org=ctx.root,
                name=name,
                key=key,
                token=sign(key),
                status=LinkStatus.REVOKED if revoked else LinkStatus.ACTIVE,
                created_at=created,
                expires_at=created + dt.timedelta(days=days),
                revoked_at=created + dt.timedelta(days=3) if revoked else None,
            )
        )
    ScreenLink.objects.bulk_create(links)
    ctx.counts["大屏展示链接"] = len(links)
