"""Writes of central-group study: groups, sessions, attendance, materials, observers and their write-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.core.errors import combine
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member

from .. import workdays
from ..conf import StudySettings
from ..errors import (
    BadGroup,
    BadGroupRole,
    BadSession,
    HeldNotCancellable,
    JointGroupHasNoMembers,
    MemberOutsideGroup,
    NoObservers,
    ObserversAlready,
    ObserversOnlyWhenPlanned,
    SessionAlreadyCancelled,
    SessionCancelled,
    SessionNotYet,
    UnknownPeople,
    Unmarked,
    WriteupCancelled,
    WriteupTooEarly,
    WriteupTooShort,
)
from ..models import (
    GroupKind,
    GroupRole,
    Observer,
    Session,
    SessionAttendance,
    SessionMaterial,
    SessionSpeaker,
    SessionStatus,
    StudyGroup,
    StudyGroupMember,
)
from .files import store
from .marks import MarkIn, check_marks, write_rows

TOPIC_MAX = 200


@dataclass(frozen=True)
class SpeakerIn:
    name: str
    subject: str = ""
    person: Member | None = None


# ---------------------------------------------------------------- groups


@transaction.atomic
def group_create(
    *,
    org: Organization,
    name: str,
    kind: str = GroupKind.LEADERSHIP,
    members: Sequence[tuple[Member, str]] = (),
    by: Any,
) -> StudyGroup:
    """A study group of ORG. A joint group (市直机关中心组) belongs to a committee and has no fixed members."""
    name = name.strip()
    problems: list[ValidationError] = []
    if not name:
        problems.append(BadGroup("请填写中心组名称", field="name"))
    if kind not in GroupKind.values:
        problems.append(BadGroup("类别无效", field="kind"))
    elif kind == GroupKind.JOINT and org.kind != OrgKind.COMMITTEE:
        problems.append(BadGroup("市直机关中心组只能由工委组织", field="org"))
    elif kind == GroupKind.LEADERSHIP and org.kind == OrgKind.GROUP:
        problems.append(BadGroup("党小组不设理论学习中心组", field="org"))
    error = combine(problems)
    if error is not None:
        raise error
    group = StudyGroup.objects.create(org=org, name=name, kind=kind)
    if kind == GroupKind.LEADERSHIP and members:
        group_set_members(group=group, members=members, by=by)
    return group


@transaction.atomic
def group_set_members(*, group: StudyGroup, members: Sequence[tuple[Member, str]], by: Any) -> None:
    """Make MEMBERS (person, role) the group's members: others leave, roles are updated."""
    if group.is_joint:
        raise JointGroupHasNoMembers()
    outside = [p.name for p, _ in members if not tree.is_within(p.org.path, [group.org.path])]
    if outside:
        raise MemberOutsideGroup(org=group.org.name, names="、".join(outside))
    bad_roles = [p.name for p, role in members if role not in GroupRole.values]
    if bad_roles:
        raise BadGroupRole(roles="、".join(bad_roles))
    wanted = {p.pk: role for p, role in members}
    for m in group.memberships.all():
        if m.person_id not in wanted:
            m.delete()
        elif m.role != wanted[m.person_id]:
            m.role = wanted.pop(m.person_id)
            m.save(update_fields=["role"])
        else:
            wanted.pop(m.person_id)
    for pid, role in wanted.items():
        StudyGroupMember.objects.create(group=group, person_id=pid, role=role)


# ---------------------------------------------------------------- sessions


@transaction.atomic
def session_plan(
    *,
    group: StudyGroup,
    held_on: dt.date,
    topic: str,
    by: Any,
    starts_at: dt.time | None = None,
    hours: Decimal = Decimal("2"),
    location: str = "",
    speakers: Sequence[SpeakerIn] = (),
    invitees: Sequence[Member] | None = None,
) -> Session:
    """A session of GROUP on HELD_ON. Its members are invited; a joint session invites INVITEES."""
    topic = topic.strip()
    problems: list[ValidationError] = []
    if not topic:
        problems.append(BadSession("请填写学习主题", field="topic"))
    elif len(topic) > TOPIC_MAX:
        problems.append(BadSession(f"学习主题最多{TOPIC_MAX}字", field="topic"))
    if hours <= 0 or hours > 24:
        problems.append(BadSession("学时应在0到24之间", field="hours"))
    if group.is_joint:
        people = list(invitees or [])
        if not people:
            problems.append(BadSession("请选择参学人员（如全体处级干部）", field="invitees"))
    else:
        people = [m.person for m in group.memberships.select_related("person")]
        if not people:
            problems.append(BadSession("该中心组还没有成员，请先设置成员", field="group"))
    error = combine(problems)
    if error is not None:
        raise error
    session = Session.objects.create(
        group=group,
        org=group.org,
        held_on=held_on,
        starts_at=starts_at,
        hours=hours,
        topic=topic,
        location=location.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    for s in speakers:
        if s.name.strip():
            SessionSpeaker.objects.create(
                session=session, person=s.person, name=s.name.strip()[:50], subject=s.subject.strip()[:200]
            )
    rows = [SessionAttendance(session=session, person=p) for p in {p.pk: p for p in people}.values()]
    write_rows(model=SessionAttendance, new=rows, changed=[], before={}, fields=[], org_id=session.org_id, actor=by)
    return session


@transaction.atomic
def session_record(
    *,
    session: Session,
    marks: Mapping[int, MarkIn],
    by: Any,
    summary: str | None = None,
    today: dt.date | None = None,
    partial: bool = False,
) -> Session:
    """Record who attended; once every invited person has a mark the session is held.

    MARKS may name people not invited (a sign-in sheet with a guest on it): they are added.
    Without PARTIAL every invited person must be marked now; with it (a joint session of a
    thousand, marked page by page) the marks are kept and the session waits for the rest.
    """
    today = today or timezone.localdate()
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CANCELLED:
        raise SessionCancelled()
    if session.held_on > today:
        raise SessionNotYet(day=f"{session.held_on:%Y-%m-%d}")
    existing = {a.person_id: a for a in session.attendances.select_related("person")}
    extra = Member.objects.in_bulk([pid for pid in marks if pid not in existing])
    unknown = [pid for pid in marks if pid not in existing and pid not in extra]
    if unknown:
        raise UnknownPeople()
    names = {pid: a.person.name for pid, a in existing.items()} | {pid: p.name for pid, p in extra.items()}
    marks = check_marks(marks, names)
    unmarked = [a.person.name for pid, a in existing.items() if pid not in marks and not a.status]
    if unmarked and not partial:
        raise Unmarked(names="、".join(unmarked[:20]) + ("等" if len(unmarked) > 20 else ""))
    new, changed, before = [], [], {}
    for pid, mark in marks.items():
        row = existing.get(pid)
        if row is None:
            new.append(SessionAttendance(session=session, person=extra[pid], status=mark.status, reason=mark.reason))
        elif (row.status, row.reason) != (mark.status, mark.reason):
            before[row.pk] = {"status": row.status, "reason": row.reason}
            row.status, row.reason = mark.status, mark.reason
            changed.append(row)
    write_rows(
        model=SessionAttendance,
        new=new,
        changed=changed,
        before=before,
        fields=["status", "reason"],
        org_id=session.org_id,
        actor=by,
    )
    if not unmarked:
        session.status = SessionStatus.HELD
        session.held_at = session.held_at or timezone.now()
    if summary is not None:
        session.summary = summary.strip()
    session.save(update_fields=["status", "held_at", "summary"])
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: Any) -> Session:
    """Call a planned session off: planned → cancelled (a held one stays held)."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.status == SessionStatus.HELD:
        raise HeldNotCancellable()
    if locked.status == SessionStatus.CANCELLED:
        raise SessionAlreadyCancelled()
    locked.status = SessionStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    session.status, session.cancelled_at = locked.status, locked.cancelled_at
    return locked


@transaction.atomic
def material_add(*, session: Session, uploaded: Any, by: Any) -> SessionMaterial:
    return store(SessionMaterial(session=session), uploaded=uploaded, by=by)


# ---------------------------------------------------------------- observers (列席)


def notice_days(notified_on: dt.date, held_on: dt.date) -> int:
    return workdays.working_days_between(notified_on, held_on)


@transaction.atomic
def observers_add(
    *,
    session: Session,
    users: Sequence[Any] = (),
    people: Sequence[Member] = (),
    by: Any,
    now: dt.datetime | None = None,
) -> list[Observer]:
    """Notify committee cadre(s) that they sit in on SESSION. The notice's lead time is kept,
    so a session planned with less than the required notice shows up as such."""
    now = now or timezone.now()
    if session.status != SessionStatus.PLANNED:
        raise ObserversOnlyWhenPlanned()
    if not users and not people:
        raise NoObservers()
    notified_on = timezone.localtime(now).date()
    lead = notice_days(notified_on, session.held_on)
    due = session.held_on + dt.timedelta(days=StudySettings.current().writeup_due_days)
    taken_users = set(session.observers.exclude(user=None).values_list("user_id", flat=True))
    taken_people = set(session.observers.exclude(person=None).values_list("person_id", flat=True))
    created = []
    for user in users:
        if user.pk in taken_users or (user.person_id and user.person_id in taken_people):
            continue
        created.append(
            Observer.objects.create(
                session=session,
                user=user,
                person_id=user.person_id,
                name=str(user)[:50],
                notified_at=now,
                notice_working_days=lead,
                writeup_due_on=due,
            )
        )
    for person in people:
        if person.pk in taken_people:
            continue
        created.append(
            Observer.objects.create(
                session=session,
                person=person,
                name=person.name,
                notified_at=now,
                notice_working_days=lead,
                writeup_due_on=due,
            )
        )
    if not created:
        raise ObserversAlready()
    return created


@transaction.atomic
def writeup_submit(*, observer: Observer, text: str, by: Any, now: dt.datetime | None = None) -> Observer:
    """The observer's write-up (列席报告). It may be revised; the first filing time stays."""
    now = now or timezone.now()
    text = text.strip()
    if len(text) < 20:
        raise WriteupTooShort(field="writeup")
    session = observer.session
    if session.status == SessionStatus.CANCELLED:
        raise WriteupCancelled()
    if session.held_on > timezone.localtime(now).date():
        raise WriteupTooEarly()
    observer.writeup = text
    observer.writeup_submitted_at = observer.writeup_submitted_at or now
    observer.save(update_fields=["writeup", "writeup_submitted_at"])
    return observer
