"""Reads of the volunteer module, scoped through dangjian.core.scoping.

Three kinds of reader: administrators see their subtrees' records
(`scoping.scoped_by_org`); leaders see what they lead; a member sees the
published activities of their committee's corps and their own records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from ..models import (
    Activity,
    ActivityStatus,
    Brigade,
    Corps,
    Pairing,
    Participation,
    ParticipationStatus,
    Team,
    Volunteer,
)
from ..permissions import person_id
from .dates import this_year, year_bounds  # noqa: F401
from .records import (  # noqa: F401  (callers read them as selectors.<name>)
    BrigadeFigures,
    HoursSummary,
    brigade_overview,
    brigades_in,
    certificate_by_number,
    hours_summary,
    records_in,
    team_ranking,
    visible_certificates,
    visible_records,
    volunteer_ranking,
)

M = TypeVar("M", bound=Model)

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

    from .records import BrigadeOverview  # noqa: F401

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
