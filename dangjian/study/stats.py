"""Figures this module registers (see dangjian.core.registry), each with the page listing its records.

Attendances are person-times (人次) of those marked present or late. For
training, a person counts once per class they attended on at least one day
(StudySettings.training_person_times = "per_day" counts every day instead).
"""

from __future__ import annotations

from django.utils import timezone

from dangjian.core import tree
from dangjian.core.registry import metric
from dangjian.orgs.models import Organization

from .selectors import calendar, figures


@metric("central_group.sessions", "中心组集体学习", unit="次", records_url="study:records_sessions")
def central_group_sessions(org: Organization, year: int) -> int:
    return figures.held_sessions(org, year).count()


@metric("central_group.attendances", "中心组学习参学", unit="人次", records_url="study:records_session_attendances")
def central_group_attendances(org: Organization, year: int) -> int:
    return figures.session_attendances(org, year).count()


@metric("training.classes", "举办培训班", unit="期", records_url="study:records_classes")
def training_classes(org: Organization, year: int) -> int:
    return figures.held_classes(org, year, timezone.localdate()).count()


@metric("training.attendances", "参加培训", unit="人次", records_url="study:records_training_attendances")
def training_attendances(org: Organization, year: int) -> int:
    today = timezone.localdate()
    if figures.per_day():
        return figures.training_day_marks(org, year, today).count()
    return figures.training_enrolments(org, year, today).count()


@metric("org_life.meetings", "三会一课开展", unit="次", records_url="study:records_meetings")
def org_life_meetings(org: Organization, year: int) -> int:
    return figures.counted_meetings(org, year).count()


@metric("org_life.compliance_rate", "组织生活按期开展率", unit="%", records_url="study:records_compliance")
def org_life_compliance_rate(org: Organization, year: int) -> float:
    orgs = Organization.objects.filter(tree.subtree_q([org.path]))
    return calendar.rate_of(calendar.standings(orgs, year, timezone.localdate()))
