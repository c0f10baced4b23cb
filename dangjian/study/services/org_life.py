"""Writes of organization life: a meeting with its attendance, quorum and attachments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import registry, tree
from dangjian.core.errors import combine
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from ..errors import (
    AttendeeOutside,
    ChairNotAllowed,
    KindNotHeld,
    MeetingDuplicate,
    MeetingInFuture,
    MeetingTopicMissing,
    NoCommittee,
    OrgHoldsNoMeetings,
)
from ..models import ATTENDED, Meeting, MeetingAttachment, MeetingAttendance, MeetingKind, MeetingTally, encode_counts
from ..selectors.org_life import kinds_for
from ..selectors.people import chair_choices, committee_people, meeting_roster, subtree_people
from .files import store
from .marks import MarkIn, check_marks, write_rows


def quorum_needed(committee_size: int) -> int:
    """How many of a branch committee of COMMITTEE_SIZE must attend: more than half."""
    return committee_size // 2 + 1


def quorum(org: Organization, held_on: dt.date, marks: Mapping[int, MarkIn]) -> tuple[int, int, bool]:
    """(committee size, committee members present or late, quorum met: more than half present)."""
    committee = set(committee_people(org, held_on).values_list("pk", flat=True))
    present = sum(1 for pid in committee if pid in marks and marks[pid].status in ATTENDED)
    return len(committee), present, present >= quorum_needed(len(committee))


@dataclass(frozen=True)
class MeetingPlan:
    """What recording a meeting of KIND for ORG on a day involves: the kinds ORG holds,
    who is expected, and its branch committee then (whose quorum decides a committee meeting)."""

    org: Organization
    kinds: list[tuple[str, str]]
    kind: str
    roster: list[Member]
    committee_ids: frozenset[int]

    @property
    def committee_size(self) -> int:
        return len(self.committee_ids)

    @property
    def quorum_needed(self) -> int:
        return quorum_needed(self.committee_size)


def meeting_plan(*, org: Organization, kind: str, on: dt.date) -> MeetingPlan:
    """The plan of a meeting of KIND (the first kind ORG holds when KIND is not one of them) on the day ON.

    Refuses an organization that records no meetings (the committee itself)."""
    kinds = kinds_for(org)
    if not kinds:
        raise OrgHoldsNoMeetings(org_kind=org.get_kind_display())
    kind = kind if kind in dict(kinds) else kinds[0][0]
    return MeetingPlan(
        org=org,
        kinds=kinds,
        kind=kind,
        roster=list(meeting_roster(org, kind, on).select_related("org")),
        committee_ids=frozenset(committee_people(org, on).values_list("pk", flat=True)),
    )


def _check_meeting(org: Organization, kind: str, held_on: dt.date, today: dt.date) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if kind not in dict(kinds_for(org)):
        label = MeetingKind(kind).label if kind in MeetingKind.values else kind
        problems.append(KindNotHeld(field="kind", org_kind=org.get_kind_display(), kind=label))
    elif kind == MeetingKind.BRANCH_COMMITTEE and not committee_people(org, held_on).exists():
        problems.append(NoCommittee(field="kind", org=org.name, day=f"{held_on:%Y-%m-%d}"))
    if held_on > today:
        problems.append(MeetingInFuture(field="held_on"))
    return problems


@transaction.atomic
def meeting_record(
    *,
    org: Organization,
    kind: str,
    held_on: dt.date,
    topic: str,
    marks: Mapping[int, MarkIn],
    by: Any,
    starts_at: dt.time | None = None,
    location: str = "",
    chair: Member | None = None,
    minutes: str = "",
    today: dt.date | None = None,
) -> Meeting:
    """Record a meeting that was held, with the attendance of those marked (more may follow: meeting_mark)."""
    today = today or timezone.localdate()
    topic = topic.strip()
    problems = _check_meeting(org, kind, held_on, today)
    if not topic:
        problems.append(MeetingTopicMissing(field="topic"))
    elif Meeting.objects.filter(org=org, kind=kind, held_on=held_on, topic=topic).exists():
        problems.append(MeetingDuplicate(field="topic"))
    if chair is not None and not (
        tree.is_within(chair.org.path, [org.path]) or chair_choices(org).filter(pk=chair.pk).exists()
    ):
        problems.append(ChairNotAllowed(field="chair"))
    error = combine(problems)
    if error is not None:
        raise error
    meeting = Meeting(
        org=org,
        kind=kind,
        held_on=held_on,
        starts_at=starts_at,
        topic=topic,
        location=location.strip(),
        chair=chair,
        minutes=minutes.strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _check_people(org, marks)
    marks = check_marks(marks, _names(marks))
    _set_quorum(meeting, marks)
    meeting.save()
    rows = [
        MeetingAttendance(meeting=meeting, person_id=pid, status=m.status, reason=m.reason) for pid, m in marks.items()
    ]
    _attach_people(rows)
    write_rows(model=MeetingAttendance, new=rows, changed=[], before={}, fields=[], org_id=org.pk, actor=by)
    tally_refresh(org_id=org.pk, year=held_on.year, kind=kind)
    return meeting


@transaction.atomic
def meeting_mark(*, meeting: Meeting, marks: Mapping[int, MarkIn], by: Any) -> Meeting:
    """Change the attendance of MEETING (people not in MARKS keep theirs); quorum is re-checked."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("org").get(pk=meeting.pk)
    _check_people(meeting.org, marks)
    marks = check_marks(marks, _names(marks))
    existing = {a.person_id: a for a in meeting.attendances.select_related("person")}
    new, changed, before = [], [], {}
    for pid, mark in marks.items():
        row = existing.get(pid)
        if row is None:
            new.append(MeetingAttendance(meeting=meeting, person_id=pid, status=mark.status, reason=mark.reason))
        elif (row.status, row.reason) != (mark.status, mark.reason):
            before[row.pk] = {"status": row.status, "reason": row.reason}
            row.status, row.reason = mark.status, mark.reason
            changed.append(row)
    _attach_people(new)
    write_rows(
        model=MeetingAttendance,
        new=new,
        changed=changed,
        before=before,
        fields=["status", "reason"],
        org_id=meeting.org_id,
        actor=by,
    )
    if meeting.kind == MeetingKind.BRANCH_COMMITTEE:
        everyone = {a.person_id: MarkIn(a.status, a.reason) for a in meeting.attendances.all()}
        _set_quorum(meeting, everyone)
        meeting.save(update_fields=["committee_size", "committee_present", "quorum_met"])
        tally_refresh(org_id=meeting.org_id, year=meeting.held_on.year, kind=meeting.kind)
    return meeting


def tally_refresh(*, org_id: int, year: int, kind: str) -> MeetingTally:
    """Recount the meetings of one organization, year and kind that count as held (see MeetingTally)."""
    counts = [0] * 12
    held = Meeting.objects.filter(org_id=org_id, kind=kind, held_on__year=year).exclude(quorum_met=False)
    for day in held.values_list("held_on", flat=True):
        counts[day.month - 1] += 1
    tally, _ = MeetingTally.objects.update_or_create(
        org_id=org_id, year=year, kind=kind, defaults={"counts": encode_counts(counts)}
    )
    return tally


@transaction.atomic
def tallies_rebuild() -> int:
    """Recount every tally from the meetings (after data was written around the services)."""
    MeetingTally.objects.all().delete()
    counts: dict[tuple[int, int, str], list[int]] = {}
    for org_id, kind, day in (
        Meeting.objects.exclude(quorum_met=False).values_list("org_id", "kind", "held_on").iterator()
    ):
        counts.setdefault((org_id, day.year, kind), [0] * 12)[day.month - 1] += 1
    MeetingTally.objects.bulk_create(
        [MeetingTally(org_id=o, year=y, kind=k, counts=encode_counts(c)) for (o, y, k), c in counts.items()],
        batch_size=2000,
    )
    registry.figures_changed("study")  # bulk_create sends no signals
    return len(counts)


@transaction.atomic
def attachment_add(*, meeting: Meeting, uploaded: Any, by: Any) -> MeetingAttachment:
    return store(MeetingAttachment(meeting=meeting), uploaded=uploaded, by=by)


def _set_quorum(meeting: Meeting, marks: Mapping[int, MarkIn]) -> None:
    if meeting.kind != MeetingKind.BRANCH_COMMITTEE:
        meeting.committee_size = meeting.committee_present = meeting.quorum_met = None
        return
    meeting.committee_size, meeting.committee_present, meeting.quorum_met = quorum(meeting.org, meeting.held_on, marks)


def _check_people(org: Organization, marks: Mapping[int, MarkIn]) -> None:
    inside = set(subtree_people(org).filter(pk__in=list(marks)).values_list("pk", flat=True))
    if len(inside) != len(marks):
        raise AttendeeOutside(field="marks", org=org.name)


def _names(marks: Mapping[int, MarkIn]) -> dict[int, str]:
    return dict(Member.objects.filter(pk__in=list(marks)).values_list("pk", "name"))


def _attach_people(rows: list[MeetingAttendance]) -> None:
    """Give rows their person objects (their audit entries name them)."""
    people = Member.objects.in_bulk([r.person_id for r in rows])
    for r in rows:
        r.person = people[r.person_id]
