"""What the volunteer pages share: look-ups that 404 (recorded) out of reach, and local times in exports.

Form errors, parameters, pagination and Excel downloads come from dangjian.core.web."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from .. import permissions, selectors
from ..models import Activity, Brigade, Participation, Team

NAV = "volunteer"


def require_overseer(request: AuthedRequest, page: str) -> None:
    """Pages for committee staff and organization administrators: anyone else gets a recorded 404."""
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Brigade, {"page": page}, exists=True)


def activity_or_404(request: AuthedRequest, pk: int) -> Activity:
    qs = selectors.visible_activities(request.user).select_related(
        "brigade__corps__org", "brigade__org", "team", "pairing", "organizer", "org"
    )
    return scoping.get_visible_or_404(request, qs, pk=pk)


def organized_activity_or_404(request: AuthedRequest, pk: int) -> Activity:
    """An activity the user organizes (see permissions.can_organize), else a recorded 404."""
    activity = activity_or_404(request, pk)
    if not permissions.can_organize(request.user, activity):
        raise scoping.deny(request, Activity, {"pk": pk, "action": "organize"}, exists=True, org=activity.org_id)
    return activity


def participation_of_activity_or_404(request: AuthedRequest, activity: Activity, pk: int) -> Participation:
    return scoping.get_visible_or_404(request, activity.participations.select_related("volunteer__member"), pk=pk)


def brigade_or_404(request: AuthedRequest, pk: int, *, manage: bool = False) -> Brigade:
    brigade = scoping.get_visible_or_404(request, selectors.visible_brigades(request.user), pk=pk)
    if manage and not permissions.can_manage_structure(request.user, brigade):
        raise scoping.deny(request, Brigade, {"pk": pk, "action": "manage"}, exists=True, org=brigade.org_id)
    return brigade


def team_or_404(request: AuthedRequest, pk: int, *, manage: bool = False) -> Team:
    team = scoping.get_visible_or_404(request, selectors.visible_teams(request.user), pk=pk)
    if manage and not permissions.can_manage_structure(request.user, team.brigade):
        raise scoping.deny(request, Team, {"pk": pk, "action": "manage"}, exists=True, org=team.brigade.org_id)
    return team


def local(value: Any) -> str:
    """An aware datetime as local 'YYYY-MM-DD HH:MM' text, for Excel cells (the writer shows dates only)."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""
