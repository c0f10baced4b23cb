"""Shared set-up for the volunteer tests: a corps in the named world, brigades, activities, people."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase, MemberFactory, make_user
from dangjian.orgs.models import Organization
from dangjian.people.models import Member
from dangjian.volunteer import services
from dangjian.volunteer.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Brigade,
    Corps,
    Participation,
    ServiceRecord,
    Team,
    Volunteer,
)


def make_corps(committee: Organization, *, leader: Member | None = None, complete: bool = True) -> Corps:
    return Corps.objects.create(
        org=committee,
        name="市直机关党员志愿服务总队",
        leader=leader,
        handler_name="王经办" if complete else "",
        contact_phone="0471-6600000" if complete else "",
        founded_on=dt.date(2019, 3, 5),
    )


def make_brigade(corps: Corps, org: Organization, *, name: str | None = None, leader: Member | None = None) -> Brigade:
    return Brigade.objects.create(
        corps=corps, org=org, name=name or f"{org.name}志愿服务支队", leader=leader, founded_on=dt.date(2019, 4, 1)
    )


def make_activity(
    brigade: Brigade,
    *,
    places: int = 30,
    starts_in: dt.timedelta = dt.timedelta(days=3),
    hours: float = 2,
    status: str = ActivityStatus.PUBLISHED,
    deadline: dt.datetime | None = None,
    kind: str = ActivityKind.TRAFFIC,
    team: Team | None = None,
    title: str = "文明交通劝导：人民路与新华大街路口",
    organizer: Member | None = None,
) -> Activity:
    """An activity straight into the database (a factory: services refuse to publish one in the past)."""
    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    return Activity.objects.create(
        org_id=brigade.org_id,
        brigade=brigade,
        team=team,
        title=title,
        kind=kind,
        place="人民路与新华大街路口",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours),
        signup_deadline=deadline or starts,
        places=places,
        organizer=organizer or brigade.leader,
        status=status,
        published_at=timezone.now() if status == ActivityStatus.PUBLISHED else None,
        checkin_token=secrets.token_urlsafe(18),
    )


def person(**fields: object) -> Member:
    """A person of the roster (MemberFactory, typed as the Member it makes)."""
    made: Member = MemberFactory.create(**fields)
    return made


def people(org: Organization, n: int, *, prefix: str = "志愿者") -> list[Member]:
    return [person(name=f"{prefix}{i:03d}", org=org) for i in range(n)]


def account(member: Member, username: str | None = None) -> User:
    return make_user(username or f"u{member.pk}", person=member)


def attended(activity: Activity, member: Member, *, hours: str = "2.00") -> Participation:
    """MEMBER holding a place in ACTIVITY with check-in, check-out and HOURS (a factory)."""
    volunteer = services.volunteer_register(member=member)
    seq = activity.participations.count() + 1
    return Participation.objects.create(
        activity=activity,
        volunteer=volunteer,
        team_id=volunteer.team_id,
        status="confirmed",
        seq=seq,
        signed_up_at=activity.starts_at - dt.timedelta(days=2),
        confirmed_at=activity.starts_at - dt.timedelta(days=2),
        checked_in_at=activity.starts_at,
        checked_out_at=activity.ends_at,
        hours=Decimal(hours),
    )


def record_for(activity: Activity, member: Member, *, hours: str = "2.00") -> ServiceRecord:
    """A confirmed service record (a factory) for MEMBER at a past ACTIVITY."""
    p = attended(activity, member, hours=hours)
    return ServiceRecord.objects.create(
        volunteer=p.volunteer,
        activity=activity,
        participation=p,
        org_id=activity.org_id,
        corps_id=activity.brigade.corps_id,
        brigade_id=activity.brigade_id,
        team_id=p.team_id,
        served_on=timezone.localtime(activity.starts_at).date(),
        place=activity.place,
        content=f"{activity.get_kind_display()}：{activity.title}",
        hours=Decimal(hours),
        recorded_at=timezone.now(),
    )


class VolunteerTestCase(BaseTestCase):
    """The named world with a corps, a brigade under party committee A (leader: person_a's colleague)
    and one under B, and an activity of A's brigade open for sign-up."""

    def setUp(self) -> None:
        super().setUp()
        w = self.w
        self.leader_a = person(name="赵队长", org=w.branch_a2)
        self.corps = make_corps(w.committee, leader=person(name="钱总队长", org=w.committee))
        self.brigade_a = make_brigade(self.corps, w.org_a, leader=self.leader_a)
        self.brigade_b = make_brigade(self.corps, w.org_b)
        self.activity = make_activity(self.brigade_a)

    @contextmanager
    def assertRefused(
        self, code: str, message: str = "", kind: type[ValidationError] = ValidationError
    ) -> Iterator[None]:
        """The block is refused with CODE (core.errors.codes_of), as KIND, with MESSAGE in the text shown."""
        with self.assertRaisesMessage(kind, message) as caught:
            yield
        self.assertIn(code, codes_of(caught.exception))

    def volunteer_of(self, member: Member) -> Volunteer:
        return Volunteer.objects.get(member=member)
