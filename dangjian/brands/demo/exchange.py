"""A brand training class and an exchange meeting where seven demonstration organizations presented."""

from __future__ import annotations

from dangjian.accounts.models import User

from ..models import Brand, BrandEvent, ExchangeEvent, ExchangeKind, Presentation
from .base import Seed


def seed_exchange(
    s: Seed, staff: User, pilot_brands: list[Brand], first_brands: list[Brand], winners: set[int]
) -> None:
    # Training and exchange: seven demonstration organizations present their brands.
    shown = [b for b in first_brands if b.pk in winners][:4] + [b for b in pilot_brands if b.status == "recognized"][:3]
    ExchangeEvent.objects.create(
        committee=s.ctx.root,
        kind=ExchangeKind.TRAINING,
        title="机关党建品牌创建专题培训班",
        held_on=s.on(0.2),
        place="市委党校",
        attendees=180,
        counts_in_training=True,
        created_by=staff,
        note="邀请党校教授讲解品牌创建的方法，面向各机关党委专职副书记和支部书记。",
    )
    exchange = ExchangeEvent.objects.create(
        committee=s.ctx.root,
        kind=ExchangeKind.EXCHANGE,
        title="党建品牌创建经验交流会",
        held_on=s.on(0.9),
        place="市直机关工委会议室",
        attendees=120,
        created_by=staff,
        note="七个示范党组织交流品牌创建经验。",
    )
    Presentation.objects.bulk_create(
        [Presentation(event=exchange, brand=b, topic=f"以“{b.name}”推动党建与业务深度融合") for b in shown]
    )
    for b in shown:
        s.events.append(
            BrandEvent(
                brand=b,
                action=BrandEvent.Action.PRESENTED,
                at=s.at(exchange.held_on),
                actor=staff,
                from_status=b.status,
                to_status=b.status,
                data={"exchange": exchange.pk},
            )
        )
