"""Figures this module registers (see dangjian.core.registry), each with the page listing its records.

Attendances are person-times (人次) of those marked present or late. For
training, a person counts once per class they attended on at least one day
(StudySettings.training_person_times = "per_day" counts every day instead).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils import timezone

from dangjian.core import tree
from dangjian.core.registry import metric
from dangjian.orgs.models import Organization
from dangjian.orgs.selectors import count_per_org, roll_up

from .selectors import calendar, figures

# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _sessions_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, figures.held_sessions)


def _session_attendances_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, figures.session_attendances, "session__org")


def _classes_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    today = timezone.localdate()
    return count_per_org(orgs, year, lambda o, y: figures.held_classes(o, y, today))


def _training_attendances_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    today = timezone.localdate()
    if figures.per_day():
        return count_per_org(orgs, year, lambda o, y: figures.training_day_marks(o, y, today), "day__klass__org")
    return count_per_org(orgs, year, lambda o, y: figures.training_enrolments(o, y, today), "klass__org")


def _meetings_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, figures.counted_meetings)


def _compliance_rate_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, float]:
    """The rate of each of ORGS' subtree: the standings of every organization below them, added up."""
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    rows = calendar.standings(Organization.objects.filter(tree.covering_q(paths)), year, timezone.localdate())
    held = roll_up(orgs, [(r.path, r.held) for r in rows])
    required = roll_up(orgs, [(r.path, r.required) for r in rows])
    return {pk: round(held[pk] * 100 / required[pk], 1) if required[pk] else 0.0 for pk in held}


@metric(
    "central_group.sessions",
    "中心组集体学习",
    unit="次",
    records_url="study:records_sessions",
    per_org=_sessions_per_org,
)
def central_group_sessions(org: Organization, year: int) -> int:
    return figures.held_sessions(org, year).count()


@metric(
    "central_group.attendances",
    "中心组学习参学",
    unit="人次",
    records_url="study:records_session_attendances",
    per_org=_session_attendances_per_org,
)
def central_group_attendances(org: Organization, year: int) -> int:
    return figures.session_attendances(org, year).count()


@metric("training.classes", "举办培训班", unit="期", records_url="study:records_classes", per_org=_classes_per_org)
def training_classes(org: Organization, year: int) -> int:
    return figures.held_classes(org, year, timezone.localdate()).count()


@metric(
    "training.attendances",
    "参加培训",
    unit="人次",
    records_url="study:records_training_attendances",
    per_org=_training_attendances_per_org,
)
def training_attendances(org: Organization, year: int) -> int:
    today = timezone.localdate()
    if figures.per_day():
        return figures.training_day_marks(org, year, today).count()
    return figures.training_enrolments(org, year, today).count()


@metric("org_life.meetings", "三会一课开展", unit="次", records_url="study:records_meetings", per_org=_meetings_per_org)
def org_life_meetings(org: Organization, year: int) -> int:
    return figures.counted_meetings(org, year).count()


@metric(
    "org_life.compliance_rate",
    "组织生活按期开展率",
    unit="%",
    records_url="study:records_compliance",
    per_org=_compliance_rate_per_org,
)
def org_life_compliance_rate(org: Organization, year: int) -> float:
    orgs = Organization.objects.filter(tree.subtree_q([org.path]))
    return calendar.rate_of(calendar.standings(orgs, year, timezone.localdate()))
