"""Reads of the transfers app, scoped through dangjian.core.scoping and core.tree.

`visible_*` start from a user; `*_in(org, year)` start from an organization the caller has
already checked the user may see: they are the records behind the registry's figures, so a
figure and its page always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.picker import Scope
from dangjian.people.models import Member
from dangjian.people.selectors import PARTY_STATUSES, pickable_people

from .models import FlowMember, FlowStatus, InLetter, InStatus, OutLetter, OutStatus

PICK_LIMIT = 20
OPEN_OUT = (OutStatus.ISSUED, OutStatus.EXPIRED)


# ---------------------------------------------------------------- from a user


def visible_out_letters(user: Any) -> QuerySet[OutLetter]:
    return scoping.scoped_by_org(user, OutLetter.objects.all())


def visible_in_letters(user: Any) -> QuerySet[InLetter]:
    return scoping.scoped_by_org(user, InLetter.objects.all())


def visible_flows(user: Any) -> QuerySet[FlowMember]:
    return scoping.scoped_by_org(user, FlowMember.objects.all())


def member_matches(user: Any, q: str) -> list[Member]:
    """Party members on the roster USER sees whose name (or pinyin initials) matches Q, at most 20."""
    if not q.strip():
        return []
    return list(pickable_people(user, q=q, statuses=PARTY_STATUSES)[:PICK_LIMIT])


def pickable_members(user: Any) -> QuerySet[Member]:
    """The queryset a form's member field checks a posted id against (visible party members on the roster)."""
    return pickable_people(user, statuses=PARTY_STATUSES)


# Where an incoming letter may be addressed (not a party group) and where its member may be placed
# (a branch): the forms' organization pickers offer the same.
RECEIVING = Scope(exclude_kinds=(OrgKind.GROUP,))
PLACEABLE = Scope(kinds=(OrgKind.BRANCH,))


def receiving_orgs(user: Any) -> QuerySet[Organization]:
    """Organizations USER sees a letter may be addressed to (not a party group)."""
    return RECEIVING.orgs(user).order_by("path")


def placeable_branches(user: Any) -> QuerySet[Organization]:
    """Branches USER manages, where a member received may be placed."""
    return PLACEABLE.orgs(user).order_by("path")


# ---------------------------------------------------------------- the records behind the figures


def out_letters_in(org: Organization, year: int) -> QuerySet[OutLetter]:
    """Letters out issued in YEAR for members of ORG's subtree, cancelled ones left out."""
    return scoping.in_subtree(OutLetter.objects.filter(year=year).exclude(status=OutStatus.CANCELLED), org)


def in_letters_in(org: Organization, year: int) -> QuerySet[InLetter]:
    """Letters in received in YEAR in ORG's subtree, those sent back left out."""
    return scoping.in_subtree(InLetter.objects.filter(received_on__year=year).exclude(status=InStatus.RETURNED), org)


def flows_in(org: Organization, year: int) -> QuerySet[FlowMember]:
    """Members of ORG's subtree in flow at some time in YEAR."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    active = Q(since__lte=end) & (Q(returned_on__isnull=True) | Q(returned_on__gte=start))
    return scoping.in_subtree(FlowMember.objects.filter(active), org)


# ---------------------------------------------------------------- lists


def overdue_letters(org: Organization, today: dt.date) -> QuerySet[OutLetter]:
    """Letters of ORG's subtree whose validity passed without a receipt, the longest overdue first."""
    qs = OutLetter.objects.filter(status__in=OPEN_OUT, valid_until__lt=today)
    return scoping.in_subtree(qs, org).select_related("org").order_by("valid_until", "seq")


def flows_out_now(org: Organization) -> QuerySet[FlowMember]:
    """Members of ORG's subtree away now, by branch."""
    return scoping.in_subtree(FlowMember.objects.filter(status=FlowStatus.OUT), org)


def open_flow_of(member: Member) -> FlowMember | None:
    return FlowMember.objects.filter(member=member, status=FlowStatus.OUT).first()
