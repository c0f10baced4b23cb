"""The brands, batches and events a user may see, and the list pages' rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from .. import permissions
from ..models import LISTED, Batch, Brand, BrandStatus, Evidence, ExchangeEvent, Plan, SiteVisit, VisitPhoto


def visible_brands(user: Any) -> QuerySet[Brand]:
    return scoping.scoped_by_org(user, Brand.objects.all())


def visible_evidence(user: Any) -> QuerySet[Evidence]:
    return scoping.scoped_by_org(user, Evidence.objects.all(), "brand__org")


def visible_visits(user: Any) -> QuerySet[SiteVisit]:
    return scoping.scoped_by_org(user, SiteVisit.objects.all(), "brand__org")


def visible_visit_photos(user: Any) -> QuerySet[VisitPhoto]:
    return scoping.scoped_by_org(user, VisitPhoto.objects.all(), "visit__brand__org")


def _committee_q(user: Any, field: str) -> Q | None:
    committees = permissions.committees_of(user)
    if not committees:
        return None
    return Q(**{f"{field}__in": [c.pk for c in committees]})


def visible_plans(user: Any) -> QuerySet[Plan]:
    q = _committee_q(user, "committee")
    return Plan.objects.none() if q is None else Plan.objects.filter(q)


def visible_batches(user: Any) -> QuerySet[Batch]:
    q = _committee_q(user, "stage__plan__committee")
    return Batch.objects.none() if q is None else Batch.objects.filter(q)


def visible_exchanges(user: Any) -> QuerySet[ExchangeEvent]:
    q = _committee_q(user, "committee")
    return ExchangeEvent.objects.none() if q is None else ExchangeEvent.objects.filter(q)


@dataclass(frozen=True)
class BrandFilters:
    org: Organization | None = None
    batch: Batch | None = None
    status: str = ""  # a BrandStatus value, "listed", or ""
    q: str = ""


def brand_rows(user: Any, filters: BrandFilters) -> QuerySet[Brand]:
    qs = visible_brands(user)
    if filters.org is not None:
        qs = scoping.in_subtree(qs, filters.org)
    if filters.batch is not None:
        qs = qs.filter(batch=filters.batch)
    if filters.status == "listed":
        qs = qs.filter(status__in=LISTED)
    elif filters.status in BrandStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(org__name__icontains=filters.q))
    return qs.select_related("org", "batch").order_by("org__path", "-id")


def brand_summary(user: Any, org: Organization | None = None) -> dict[str, int]:
    qs = visible_brands(user)
    if org is not None:
        qs = scoping.in_subtree(qs, org)
    counts = {s: 0 for s in BrandStatus.values}
    for row in qs.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["listed"] = counts[BrandStatus.RECOGNIZED] + counts[BrandStatus.DOWNGRADED]
    counts["all"] = sum(counts[s] for s in BrandStatus.values)
    return counts


def creatable_orgs(user: Any) -> QuerySet[Organization]:
    """Organizations USER manages that have no brand of their own yet (一支部一品牌)."""
    from ..models import ACTIVE

    busy = Brand.objects.filter(status__in=ACTIVE).values("org_id")
    return scoping.visible_orgs(user).exclude(kind__in=("committee", "group")).exclude(pk__in=busy).order_by("path")


def open_batches(user: Any) -> QuerySet[Batch]:
    return visible_batches(user).filter(status="open").select_related("stage__plan").order_by("-year", "id")


def in_committee(org: Organization) -> Q:
    return tree.subtree_q([permissions.committee_of(org).path], "org__path")
