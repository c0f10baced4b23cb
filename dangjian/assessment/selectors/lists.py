"""Schemes, results, marks and objections a user may see.

Committee staff see everything of their committee; an organization
administrator sees the published schemes of their committee and the results,
marks and objections of the organizations in their subtree only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from .. import permissions
from ..models import (
    Evidence,
    Indicator,
    Mark,
    MarkKind,
    Objection,
    OrgResult,
    ResultSet,
    ReviewStatus,
    Scheme,
    SchemeStatus,
    Source,
)


def visible_schemes(user: Any) -> QuerySet[Scheme]:
    committees = permissions.committees_of(user)
    staff_of = [c.pk for c in committees if permissions.manages(user, c)]
    return Scheme.objects.filter(
        Q(committee_id__in=staff_of) | Q(committee__in=committees, status=SchemeStatus.PUBLISHED)
    ).select_related("committee")


def schemes_for(user: Any) -> list[Scheme]:
    return list(visible_schemes(user).order_by("committee__path", "-year", "-version"))


def in_force(committee: Organization, year: int) -> Scheme | None:
    """The latest published version of COMMITTEE's scheme for YEAR."""
    return (
        Scheme.objects.filter(committee=committee, year=year, status=SchemeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def visible_results(user: Any) -> QuerySet[OrgResult]:
    return scoping.scoped_by_org(user, OrgResult.objects.all())


def result_rows(user: Any, result_set: ResultSet, q: str = "") -> QuerySet[OrgResult]:
    if permissions.manages(user, result_set.scheme.committee):
        rows = OrgResult.objects.filter(result_set=result_set)  # every row is within the committee
    else:
        rows = visible_results(user).filter(result_set=result_set)
    if q:
        rows = rows.filter(org__name__icontains=q)
    return rows.select_related("org").defer("breakdown").order_by("rank", "org__path")


def visible_objections(user: Any) -> QuerySet[Objection]:
    return scoping.scoped_by_org(user, Objection.objects.all(), "result__org")


def visible_evidence(user: Any) -> QuerySet[Evidence]:
    return scoping.scoped_by_org(user, Evidence.objects.all(), "mark__org")


def org_marks(scheme: Scheme, org: Organization) -> dict[str, Mark]:
    """ORG's self-evaluation marks for SCHEME's year, by indicator key (evidence prefetched)."""
    marks = Mark.objects.filter(
        committee=scheme.committee, year=scheme.year, org=org, kind=MarkKind.SELF
    ).prefetch_related("evidence")
    return {m.indicator_key: m for m in marks}


def visible_self_marks(user: Any) -> QuerySet[Mark]:
    return scoping.scoped_by_org(user, Mark.objects.filter(kind=MarkKind.SELF))


def pending_reviews(scheme: Scheme) -> list[tuple[Mark, Indicator]]:
    """SCHEME's self-evaluations waiting for the committee's review, in tree order, with their indicator."""
    indicators = {i.key: i for i in Indicator.objects.filter(category__scheme=scheme, source=Source.SELF)}
    marks = (
        Mark.objects.filter(
            committee=scheme.committee, year=scheme.year, kind=MarkKind.SELF, review_status=ReviewStatus.PENDING,
            indicator_key__in=list(indicators),
        )
        .select_related("org")
        .prefetch_related("evidence")
        .order_by("org__path", "indicator_key")
    )  # fmt: skip
    return [(m, indicators[m.indicator_key]) for m in marks]
