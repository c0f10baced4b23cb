"""What is due: the reminders page and the `study_reminders` command read the same list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..conf import StudySettings
from ..models import Observer, Session, SessionStatus, StudyGroup
from . import calendar as cal
from .central_group import frequency


@dataclass
class Reminders:
    today: dt.date
    behind: list[cal.OrgStanding] = field(default_factory=list)  # organization life: periods ended without a meeting
    due: list[cal.OrgStanding] = field(default_factory=list)  # organization life: due in the period under way
    groups_due: list[tuple[StudyGroup, int, str]] = field(default_factory=list)  # (group, sessions this quarter, state)
    overdue_writeups: list[Observer] = field(default_factory=list)
    short_notice: list[Observer] = field(default_factory=list)  # planned sessions notified too late
    unrecorded: list[Session] = field(default_factory=list)  # sessions past their date, attendance not recorded

    @property
    def total(self) -> int:
        return (
            len(self.behind)
            + len(self.groups_due)
            + len(self.overdue_writeups)
            + len(self.short_notice)
            + len(self.unrecorded)
        )

    def lines(self) -> list[str]:
        """The reminders as text, for the command."""
        out = [f"截至 {self.today:%Y-%m-%d} 的待办提醒："]
        out.append(f"组织生活逾期缺项：{len(self.behind)} 个组织")
        out += [f"  {r.code} {r.name}：{'、'.join(r.missing_labels)}" for r in self.behind]
        out.append(f"组织生活本期待开：{len(self.due)} 个组织")
        out += [f"  {r.code} {r.name}：{'、'.join(r.due_labels)}" for r in self.due]
        out.append(f"中心组本季度尚未开展集体学习：{len(self.groups_due)} 个")
        out += [f"  {g.name}（{g.org.name}）：本季度 {n} 次（{state}）" for g, n, state in self.groups_due]
        out.append(f"列席报告逾期未交：{len(self.overdue_writeups)} 份")
        out += [
            f"  {o.name}：{o.session.held_on:%Y-%m-%d} {o.session.group.name}，应于 {o.writeup_due_on:%Y-%m-%d} 前提交"
            for o in self.overdue_writeups
        ]
        required = StudySettings.current().observer_notice_working_days
        out.append(f"列席通知不足 {required} 个工作日的计划学习：{len(self.short_notice)} 项")
        out += [
            f"  {o.name}：{o.session.held_on:%Y-%m-%d} {o.session.group.name}（提前 {o.notice_working_days} 个工作日）"
            for o in self.short_notice
        ]
        out.append(f"已过学习日期、尚未登记出勤的集体学习：{len(self.unrecorded)} 次")
        out += [f"  {s.held_on:%Y-%m-%d} {s.group.name}：{s.topic}" for s in self.unrecorded]
        return out


def reminders_for(orgs: QuerySet[Organization], today: dt.date) -> Reminders:
    """Everything due in the subtrees of ORGS (an already scoped queryset)."""
    r = Reminders(today=today)
    rows = cal.standings(orgs, today.year, today)
    r.behind = [s for s in rows if s.missing]
    r.due = [s for s in rows if s.due]
    quarter = (today.month - 1) // 3
    groups = StudyGroup.objects.filter(org__in=orgs).select_related("org")
    for f in frequency(groups, today.year, today):
        cell = f.cells[quarter]
        if cell.state != cal.HELD:
            r.groups_due.append((f.group, cell.count, cell.state_label))
    observers = (
        Observer.objects.filter(session__org__in=orgs)
        .select_related("session__group")
        .exclude(session__status=SessionStatus.CANCELLED)
    )
    r.overdue_writeups = list(
        observers.filter(
            writeup_submitted_at__isnull=True, writeup_due_on__lt=today, session__status=SessionStatus.HELD
        ).order_by("writeup_due_on")
    )
    r.short_notice = list(
        observers.filter(
            session__status=SessionStatus.PLANNED,
            session__held_on__gte=today,
            notice_working_days__lt=StudySettings.current().observer_notice_working_days,
        ).order_by("session__held_on")
    )
    r.unrecorded = list(
        Session.objects.filter(org__in=orgs, status=SessionStatus.PLANNED, held_on__lt=today)
        .select_related("group")
        .order_by("held_on")
    )
    return r


def reminders_visible_to(user, today: dt.date) -> Reminders:
    return reminders_for(scoping.visible_orgs(user), today)
