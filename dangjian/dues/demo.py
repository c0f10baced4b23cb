"""Demo data of the dues module (found through the manifest by seed_demo).

Per committee, for the demo year (ctx.today's): a base for every party member
(mostly in work, some retirees, a few students and others without income), the
months due so far paid by most (the last months unpaid for some, a random month
for a few, nothing for a handful), a few voluntary extra payments, and each
branch's remittances of the quarters already over. The year before is
not seeded (the volume: 120,000 payments a year at city scale).

Rows go in with one prepared INSERT each table (seeding is not a user's write:
auditlog is off). Everything random comes from `ctx.rng("dues")`; dates from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.utils import timezone

from dangjian.core import bulk, dbstats, registry, tree
from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.selectors.for_apps import PARTY_STATUSES, people_in

from .models import Category, DuesBase, ExtraPayment, Payment, PayMethod, Remittance, RemittanceStatus
from .services.rates import CENT, monthly_dues
from .services.totals import totals_rebuild

METHODS = (PayMethod.WECHAT,) * 5 + (PayMethod.ALIPAY,) * 2 + (PayMethod.TRANSFER,) * 2 + (PayMethod.CASH,)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10, 0), timezone.get_current_timezone())


def _base(rng, category: str) -> Decimal:  # type: ignore[no-untyped-def]
    if category == Category.NO_INCOME:
        return Decimal("0.00")
    low, high = (2500, 16000) if category == Category.IN_WORK else (2000, 8000)
    return Decimal(rng.randint(low * 100, high * 100)) / 100


class _Rows:
    """Plain rows for one table, written with one prepared INSERT run for every row (executemany).

    Seeding a city writes about 120,000 payments: model instances and per-field
    preparation would cost seconds, so values are adapted once per distinct value.
    """

    def __init__(self, model: type[Model], fields: Sequence[str]) -> None:
        self.model = model
        self.fields = list(fields)
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def write(self) -> int:
        if not self.rows:
            return 0
        meta = self.model._meta
        connection = connections[router.db_for_write(self.model)]
        bulk.insert_rows(self.model, self.fields, self.rows, prepared=True)  # COPY on PostgreSQL
        dbstats.analyze_after_commit(meta.db_table, rows=len(self.rows), using=connection.alias)
        registry.figures_changed(meta.app_label, using=connection.alias)
        return len(self.rows)


class _Adapt:
    """Database values of dates, times and amounts, each worked out once."""

    def __init__(self, model: type[Model]) -> None:
        self.connection = connections[router.db_for_write(model)]
        self._money: dict[Decimal, Any] = {}
        self._moments: dict[dt.date, Any] = {}
        self._days: dict[dt.date, Any] = {}
        self._money_field = DuesBase._meta.get_field("base")
        self._moment_field = DuesBase._meta.get_field("declared_at")
        self._day_field = Payment._meta.get_field("paid_on")

    def money(self, value: Decimal) -> Any:
        found = self._money.get(value)
        if found is None:
            found = self._money[value] = self._money_field.get_db_prep_save(value, self.connection)
        return found

    def moment(self, day: dt.date) -> Any:
        found = self._moments.get(day)
        if found is None:
            found = self._moments[day] = self._moment_field.get_db_prep_save(_aware(day), self.connection)
        return found

    def day(self, day: dt.date) -> Any:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = self._day_field.get_db_prep_save(day, self.connection)
        return found


def _months_paid(rng: random.Random, due: int) -> list[int]:
    habit = rng.random()
    if habit < 0.02:
        return []  # has paid nothing this year
    if habit < 0.17:
        return list(range(1, max(0, due - rng.randint(1, 3)) + 1))  # behind by a few months
    if habit < 0.22:
        skip = rng.randint(1, due)
        return [m for m in range(1, due + 1) if m != skip]  # forgot one month
    return list(range(1, due + 1))


def _collecting_orgs(root: Organization) -> dict[int, int]:
    """Each party group's id → its branch's id (the branch collects a group's dues)."""
    orgs = list(Organization.objects.filter(tree.subtree_q([root.path])).values_list("id", "path", "kind"))
    by_path = {path: pk for pk, path, _ in orgs}
    return {pk: by_path.get(tree.parent_path(path), pk) for pk, path, kind in orgs if kind == OrgKind.GROUP}


def seed_dues(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    rng = ctx.rng("dues")
    today = ctx.today
    year, due = today.year, today.month
    collecting = _collecting_orgs(ctx.root)
    people = [
        (pk, collecting.get(org_id, org_id))
        for pk, org_id in people_in(ctx.root, statuses=PARTY_STATUSES).order_by("pk").values_list("pk", "org_id")
    ]
    adapt = _Adapt(Payment)
    bases = _Rows(DuesBase, ["member", "org", "year", "category", "base", "rate", "monthly_dues", "declared_at"])
    payments = _Rows(Payment, ["member", "org", "year", "month", "amount", "method", "paid_on", "status", "paid_at",
                               "void_reason"])  # fmt: skip
    extras = _Rows(ExtraPayment, ["member", "org", "year", "amount", "method", "paid_on", "note", "recorded_at"])
    collected: dict[tuple[int, int], Decimal] = {}  # (org, month) → paid
    declared_at = adapt.moment(dt.date(year, 1, 10))
    paid_days = [[min(dt.date(year, m, d), today) for d in range(5, 26)] for m in range(1, 13)]
    for pk, org_id in people:
        draw = rng.random()
        category = Category.RETIRED if draw < 0.08 else Category.NO_INCOME if draw < 0.11 else Category.IN_WORK
        base = _base(rng, category)
        rate, dues = monthly_dues(category, base)
        bases.add(pk, org_id, year, category, adapt.money(base), None if rate is None else str(rate),
                  adapt.money(dues), declared_at)  # fmt: skip
        method = rng.choice(METHODS)
        amount = adapt.money(dues)
        for m in _months_paid(rng, due):
            day = rng.choice(paid_days[m - 1])
            payments.add(pk, org_id, year, m, amount, method, adapt.day(day), "paid", adapt.moment(day), "")
            collected[(org_id, m)] = collected.get((org_id, m), Decimal(0)) + dues
        if rng.random() < 0.01:
            day = min(dt.date(year, 7, 1), today)
            gift = Decimal(rng.choice((100, 200, 500, 1000)))
            extras.add(pk, org_id, year, adapt.money(gift), PayMethod.TRANSFER, adapt.day(day), "自愿多交党费",
                       adapt.moment(day))  # fmt: skip
    ctx.counts["党费缴纳基数"] = bases.write()
    ctx.counts["党费缴纳记录"] = payments.write()
    extras.write()
    bulk.analyze(Payment)  # the sum below reads them back: planned as if the table were empty, it takes 20 s
    totals_rebuild(year, ctx.root)  # the ledgers' monthly totals (MonthTotal) of the payments just written
    remittances = _remittances(ctx, collected)
    bulk_insert(Remittance, remittances, batch_size=1000)
    ctx.counts["党费上缴记录"] = len(remittances)


def _remittances(ctx: SeedContext, collected: dict[tuple[int, int], Decimal]) -> list[Remittance]:
    """Each organization that collected remits every quarter already over, early the next month."""
    today = ctx.today
    names = {
        o.pk: o
        for o in Organization.objects.filter(tree.subtree_q([ctx.root.path])).only("id", "path", "name", "depth")
    }
    parents = {o.path: o.name for o in names.values()}
    out: list[Remittance] = []
    org_ids = sorted({k[0] for k in collected})
    for year in (today.year,):
        for quarter in range(4):
            first, last = quarter * 3 + 1, quarter * 3 + 3
            remitted_on = dt.date(year + (last == 12), 1 if last == 12 else last + 1, 10)
            if remitted_on > today:
                continue
            for org_id in org_ids:
                amount = sum((collected.get((org_id, m), Decimal(0)) for m in range(first, last + 1)), Decimal(0))
                org = names.get(org_id)
                if not amount or org is None:
                    continue
                confirmed = remitted_on + dt.timedelta(days=7) <= today
                out.append(Remittance(
                    org_id=org_id, year=year, first_month=first, last_month=last, amount=amount.quantize(CENT),
                    remitted_on=remitted_on, to_org_name=parents.get(tree.parent_path(org.path), "上级党组织"),
                    status=RemittanceStatus.CONFIRMED if confirmed else RemittanceStatus.REMITTED,
                    remitted_at=_aware(remitted_on),
                    confirmed_at=_aware(remitted_on + dt.timedelta(days=7)) if confirmed else None,
                ))  # fmt: skip
    return out
