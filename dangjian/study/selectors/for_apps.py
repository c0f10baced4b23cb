"""What other apps may read of the study module (read-only rows, never its models).

`training_of_org`: the training an organization took part in during a year, for a brand's public
showcase (the brand app) and any page that shows an organization's work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from ..models import ClassStatus, Enrolment, TrainingClass
from .figures import held_classes


@dataclass(frozen=True)
class OrgTraining:
    """A training class as another app may show it: no names of people, only how many took part."""

    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str
    held_by: str  # the organization running the class
    held_here: bool  # run by ORG's subtree itself
    attended: int  # people of ORG's subtree present or late on at least one day


def training_of_org(org: Organization, year: int, *, most: int = 10, today: dt.date | None = None) -> list[OrgTraining]:
    """Classes (not cancelled, begun by TODAY) of YEAR that ORG's subtree ran or its people attended,
    newest first, at most MOST. Three queries."""
    today = today or timezone.localdate()
    held = held_classes(org, year, today)
    # The same classes as the training figures count (figures.training_enrolments), run by anyone.
    attended = scoping.in_subtree(Enrolment.objects.all(), org, "person__org").filter(
        klass__status=ClassStatus.SCHEDULED,
        klass__starts_on__range=(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)),
        days_attended__gt=0,
    )
    classes = list(
        TrainingClass.objects.filter(Q(pk__in=held.values("pk")) | Q(pk__in=attended.values("klass_id")))
        .select_related("org")
        .order_by("-starts_on", "-id")[:most]
    )
    counts = dict(
        attended.filter(klass__in=[c.pk for c in classes])
        .order_by()
        .values("klass_id")
        .annotate(n=Count("pk"))
        .values_list("klass_id", "n")
    )
    return [
        OrgTraining(
            title=c.title,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            venue=c.venue or c.get_venue_kind_display(),
            held_by=c.org.name,
            held_here=tree.is_within(c.org.path, [org.path]),
            attended=counts.get(c.pk, 0),
        )
        for c in classes
    ]
