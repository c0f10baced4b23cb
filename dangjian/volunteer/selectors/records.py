"""Service records, certificates and the figures made of them: the rankings, a brigade's
overview, a volunteer's hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import (
    Activity,
    ActivityStatus,
    Brigade,
    Certificate,
    ServiceRecord,
    Team,
    Volunteer,
)
from ..permissions import person_id
from .dates import year_bounds

if TYPE_CHECKING:  # (the alias cannot be built at run time)
    from django_stubs_ext import WithAnnotations

ZERO_HOURS = Value(Decimal("0"), output_field=DecimalField(max_digits=10, decimal_places=2))


def records_in(org: Organization, year: int) -> QuerySet[ServiceRecord]:
    return scoping.in_subtree(
        ServiceRecord.objects.filter(served_on__gte=dt.date(year, 1, 1), served_on__lt=dt.date(year + 1, 1, 1)), org
    )


def brigades_in(org: Organization, year: int, brigades: QuerySet[Brigade] | None = None) -> QuerySet[Brigade]:
    """BRIGADES (all by default) of ORG's subtree that existed during YEAR."""
    brigades = Brigade.objects.all() if brigades is None else brigades
    return scoping.in_subtree(brigades, org).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=dt.date(year, 1, 1)), founded_on__lte=dt.date(year, 12, 31)
    )


class BrigadeFigures(TypedDict):
    team_count: int
    volunteer_count: int
    activity_count: int  # published activities starting in the year
    hours_total: Decimal  # recorded hours served in the year


if TYPE_CHECKING:
    BrigadeOverview = WithAnnotations[Brigade, BrigadeFigures]


def brigade_overview(brigades: QuerySet[Brigade], year: int) -> QuerySet[BrigadeOverview]:
    """BRIGADES with their teams, volunteers, and activities and hours in YEAR (subqueries, no row blow-up)."""
    start, end = year_bounds(year)

    def count_of(qs: QuerySet) -> Subquery:
        return Subquery(qs.values("brigade_id").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())

    activities = Activity.objects.filter(
        brigade=OuterRef("pk"), status=ActivityStatus.PUBLISHED, starts_at__gte=start, starts_at__lt=end
    )
    hours = (
        ServiceRecord.objects.filter(brigade=OuterRef("pk"), served_on__year=year)
        .values("brigade_id")
        .annotate(h=Sum("hours"))
        .values("h")[:1]
    )
    return brigades.annotate(
        team_count=Coalesce(count_of(Team.objects.filter(brigade=OuterRef("pk"))), 0),
        volunteer_count=Coalesce(
            Subquery(
                Volunteer.objects.filter(team__brigade=OuterRef("pk"))
                .values("team__brigade")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        activity_count=Coalesce(count_of(activities), 0),
        hours_total=Coalesce(Subquery(hours, output_field=DecimalField(max_digits=10, decimal_places=2)), ZERO_HOURS),
    )


def team_ranking(records: QuerySet[ServiceRecord]) -> QuerySet:
    return (
        records.filter(team__isnull=False)
        .values("team_id", "team__name", "brigade__name")
        .annotate(hours=Sum("hours"), times=Count("pk"), people=Count("volunteer_id", distinct=True))
        .order_by("-hours", "team__name")
    )


def volunteer_ranking(records: QuerySet[ServiceRecord]) -> QuerySet:
    return (
        records.values("volunteer_id", "volunteer__number", "volunteer__member__name", "volunteer__member__org__name")
        .annotate(hours=Sum("hours"), times=Count("pk"))
        .order_by("-hours", "volunteer__number")
    )


@dataclass(frozen=True)
class HoursSummary:
    year_hours: Decimal
    year_times: int
    total_hours: Decimal
    total_times: int


def hours_summary(volunteer: Volunteer | None, year: int) -> HoursSummary:
    if volunteer is None:
        return HoursSummary(Decimal(0), 0, Decimal(0), 0)
    records = volunteer.records.all()
    total = records.aggregate(h=Coalesce(Sum("hours"), ZERO_HOURS), n=Count("pk"))
    this = records.filter(served_on__year=year).aggregate(h=Coalesce(Sum("hours"), ZERO_HOURS), n=Count("pk"))
    return HoursSummary(this["h"], this["n"], total["h"], total["n"])


def visible_records(user: Any) -> QuerySet[ServiceRecord]:
    """Records of the user's subtrees, and the user's own."""
    qs = scoping.scoped_by_org(user, ServiceRecord.objects.all())
    pid = person_id(user)
    if pid:
        qs = qs | ServiceRecord.objects.filter(volunteer__member_id=pid)
    return qs


def visible_certificates(user: Any) -> QuerySet[Certificate]:
    """Certificates of the people the user may see (themself included)."""
    return Certificate.objects.filter(volunteer__member__in=scoping.visible_members(user)).select_related(
        "volunteer__member", "corps__org"
    )


def certificate_by_number(number: str) -> Certificate | None:
    return Certificate.objects.filter(number=number).first()
