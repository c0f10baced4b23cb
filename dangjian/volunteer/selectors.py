"""Reads of the volunteer module, scoped through dangjian.core.scoping.

Three kinds of reader: administrators see their subtrees' records
(`scoping.scoped_by_org`); leaders see what they lead; a member sees the
published activities of their committee's corps and their own records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .models import (
    Activity,
    ActivityStatus,
    Brigade,
    Certificate,
    Corps,
    Pairing,
    Participation,
    ParticipationStatus,
    ServiceRecord,
    Team,
    Volunteer,
)
from .permissions import person_id

M = TypeVar("M", bound=Model)

ZERO_HOURS = Value(Decimal("0"), output_field=DecimalField(max_digits=10, decimal_places=2))


# ---------------------------------------------------------------- dates


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of 1 January of YEAR and of the next year, as aware datetimes."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def this_year() -> int:
    return timezone.localdate().year


# ---------------------------------------------------------------- who is who


def person_of(user: Any) -> Member | None:
    pid = person_id(user)
    return Member.objects.select_related("org").filter(pk=pid).first() if pid else None


def signer_of(user: Any) -> Member | None:
    """The user's roster record as a sign-up needs it (id, name, organization): a burst of sign-ups
    reads it 500 times at once, and the full record is some forty columns it has no use for. (Any
    other field is read from the database when touched.)"""
    pid = person_id(user)
    if not pid:
        return None
    row = Member.objects.filter(pk=pid).values("id", "name", "org_id", "org__name", "org__path").first()
    if row is None:
        return None
    member = instance(Member, id=row["id"], name=row["name"], org_id=row["org_id"])
    member.org = instance(Organization, id=row["org_id"], name=row["org__name"], path=row["org__path"])
    return member


def instance(model: type[M], **values: Any) -> M:
    """A MODEL instance with VALUES as read from the database (the other fields deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[n] for n in names])


def committee_path(org: Organization) -> str:
    """The path of the committee (the tree's root) ORG belongs to."""
    return tree.ancestor_paths(org.path)[0]


def corps_of_member(member: Member) -> Corps | None:
    return Corps.objects.filter(org__path=committee_path(member.org)).select_related("org", "leader").first()


def visible_corps(user: Any) -> QuerySet[Corps]:
    return scoping.scoped_by_org(user, Corps.objects.select_related("org", "leader"))


def _led_q(pid: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}leader_id": pid}) | Q(**{f"{prefix}corps__leader_id": pid})


def visible_brigades(user: Any) -> QuerySet[Brigade]:
    """Brigades in the user's subtrees, and those the user's person leads."""
    qs = scoping.scoped_by_org(user, Brigade.objects.all())
    pid = person_id(user)
    if pid:
        qs = qs | Brigade.objects.filter(_led_q(pid))
    return qs.select_related("org", "corps", "leader")


def organizable_brigades(user: Any) -> QuerySet[Brigade]:
    """Brigades the user may create activities for: those above, plus a team leader's brigade."""
    qs = visible_brigades(user)
    pid = person_id(user)
    if pid:
        qs = qs | Brigade.objects.filter(teams__leader_id=pid).select_related("org", "corps", "leader")
    return qs.filter(dissolved_on__isnull=True).distinct()


def visible_teams(user: Any) -> QuerySet[Team]:
    qs = scoping.scoped_by_org(user, Team.objects.all(), org_field="brigade__org")
    pid = person_id(user)
    if pid:
        qs = qs | Team.objects.filter(Q(leader_id=pid) | _led_q(pid, "brigade__"))
    return qs.select_related("brigade__org", "brigade__corps", "leader")


def visible_pairings(user: Any) -> QuerySet[Pairing]:
    qs = scoping.scoped_by_org(user, Pairing.objects.all(), org_field="brigade__org")
    pid = person_id(user)
    if pid:
        qs = qs | Pairing.objects.filter(_led_q(pid, "brigade__"))
    return qs.select_related("brigade__org")


def visible_volunteers(user: Any) -> QuerySet[Volunteer]:
    """Volunteers whose roster record the user may see (scoping.visible_members)."""
    return Volunteer.objects.filter(member__in=scoping.visible_members(user)).select_related(
        "member__org", "team__brigade"
    )


# ---------------------------------------------------------------- activities


def managed_activities(user: Any) -> QuerySet[Activity]:
    """Activities the user organizes or oversees, drafts included."""
    qs = scoping.scoped_by_org(user, Activity.objects.all())
    pid = person_id(user)
    if pid:
        qs = qs | Activity.objects.filter(_led_q(pid, "brigade__") | Q(organizer_id=pid) | Q(team__leader_id=pid))
    return qs


def visible_activities(user: Any) -> QuerySet[Activity]:
    """Managed activities, and the published activities of the member's committee."""
    qs = managed_activities(user)
    member = person_of(user)
    if member is not None:
        qs = qs | Activity.objects.filter(
            tree.subtree_q([committee_path(member.org)], "org__path"), status=ActivityStatus.PUBLISHED
        )
    return qs


def _participants(status: str) -> Coalesce:
    return Coalesce(
        Subquery(
            Participation.objects.filter(activity=OuterRef("pk"), status=status)
            .values("activity_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


class ActivityCounts(TypedDict):
    taken: int  # places held
    waiting: int  # people on the waiting list
    left: int  # places still free (negative never: the sign-up service keeps to the limit)


if TYPE_CHECKING:  # (the alias cannot be built at run time)
    from django_stubs_ext import WithAnnotations

    CountedActivity = WithAnnotations[Activity, ActivityCounts]


def with_counts(qs: QuerySet[Activity]) -> QuerySet[CountedActivity]:
    """Places taken, people waiting and places left, as correlated subqueries: only the rows shown pay."""
    return (
        qs.select_related("brigade", "team", "organizer")
        .annotate(
            taken=_participants(ParticipationStatus.CONFIRMED), waiting=_participants(ParticipationStatus.WAITING)
        )
        .annotate(left=ExpressionWrapper(F("places") - F("taken"), output_field=IntegerField()))
    )


def open_activities(user: Any, *, now: dt.datetime | None = None) -> QuerySet[CountedActivity]:
    """Published activities still taking sign-ups, soonest first."""
    now = now or timezone.now()
    member = person_of(user)
    if member is None:
        return with_counts(Activity.objects.none())
    return with_counts(
        Activity.objects.filter(
            tree.subtree_q([committee_path(member.org)], "org__path"),
            status=ActivityStatus.PUBLISHED,
            signup_deadline__gt=now,
            starts_at__gt=now,
        )
    ).order_by("starts_at", "id")


def activities_in(org: Organization, year: int) -> QuerySet[Activity]:
    """Published (not cancelled) activities of ORG's subtree starting in YEAR: the volunteer.activities figure."""
    start, end = year_bounds(year)
    return scoping.in_subtree(
        Activity.objects.filter(status=ActivityStatus.PUBLISHED, starts_at__gte=start, starts_at__lt=end), org
    )


@dataclass(frozen=True)
class ParticipantRow:
    participation: Participation
    position: int | None  # place in the waiting list


def participants(activity: Activity) -> tuple[list[ParticipantRow], list[ParticipantRow], int]:
    """(holding a place, waiting in order, cancelled count) of ACTIVITY."""
    rows = list(activity.participations.select_related("volunteer__member__org", "team").order_by("seq"))
    confirmed = [ParticipantRow(p, None) for p in rows if p.status == ParticipationStatus.CONFIRMED]
    waiting = [
        ParticipantRow(p, i)
        for i, p in enumerate((p for p in rows if p.status == ParticipationStatus.WAITING), start=1)
    ]
    cancelled = sum(1 for p in rows if p.status == ParticipationStatus.CANCELLED)
    return confirmed, waiting, cancelled


def participation_of(activity: Activity, member: Member | None) -> Participation | None:
    if member is None:
        return None
    return Participation.objects.filter(activity=activity, volunteer__member=member).first()


# ---------------------------------------------------------------- records and figures


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


# ---------------------------------------------------------------- for other apps


@dataclass(frozen=True)
class OrgActivity:
    """A published activity as another app may show it (a brand's public showcase): no names of people."""

    title: str
    kind: str  # the activity type's label
    place: str
    starts_at: dt.datetime
    brigade: str
    participants: int  # places held (confirmed)


def activities_of_org(org: Organization, year: int, *, most: int = 10) -> list[OrgActivity]:
    """Read-only, for other apps: the published activities of ORG's subtree starting in YEAR (the
    volunteer.activities figure's rows), newest first, at most MOST. One query."""
    kinds = dict(Activity._meta.get_field("kind").choices or ())
    rows = (
        activities_in(org, year)
        .annotate(participants=_participants(ParticipationStatus.CONFIRMED))
        .order_by("-starts_at", "-id")
        .values_list("title", "kind", "place", "starts_at", "brigade__name", "participants")[:most]
    )
    return [
        OrgActivity(
            title=title,
            kind=str(kinds.get(kind, kind)),
            place=place,
            starts_at=starts_at,
            brigade=brigade,
            participants=participants,
        )
        for title, kind, place, starts_at, brigade, participants in rows
    ]
