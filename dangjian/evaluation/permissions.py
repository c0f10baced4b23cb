"""Who may do what in the report-and-evaluation (read by views, the menu and templates).

Committee staff run rounds over their committee: start and close them, name
evaluators, print the slips, read the tally and keep the formal-talk records.
An organization's administrators see the rounds their secretaries report in and
their own secretaries' results, and file reports on the secretaries' behalf. A
secretary with an account files their own report. Evaluators need no account:
their personal link is their permission.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping
from dangjian.orgs.models import Organization

from .models import Subject


def sees_evaluation(user: Any) -> bool:
    """Committee staff and organization administrators (the menu entries and the list pages)."""
    return scoping.can_see_orgs(user)


def runs_evaluation(user: Any) -> bool:
    """Committee staff: who starts rounds."""
    return scoping.is_committee_staff(user)


def runs_for(user: Any, scope: Organization) -> bool:
    """Committee staff over SCOPE (a round's scope, a talk's organization)."""
    return scoping.holds_over(user, scope, roles=(Role.COMMITTEE_STAFF,))


def may_file_report(user: Any, subject: Subject) -> bool:
    """The secretary themself, or the administrators over the secretary's organization."""
    if subject.secretary_id and getattr(user, "person_id", None) == subject.secretary_id:
        return True
    return scoping.can_manage_org(user, subject.org)


def files_own_report(user: Any) -> bool:
    """A secretary with an account listed in some round (the 我的述职 menu entry)."""
    pid = getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None
    return bool(pid) and Subject.objects.filter(secretary_id=pid).exists()
