"""What the evaluation pages share: the look-ups that answer a recorded 404 out of reach."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping

from .. import permissions, selectors
from ..models import Round

NAV = "evaluation"
NAV_TALKS = "evaluation_talks"


def require_overseer(request: HttpRequest, page: str) -> None:
    if not permissions.sees_evaluation(request.user):
        raise scoping.deny(request, Round, {"page": page}, exists=True)


def round_or_404(request: HttpRequest, pk: int, *, run: bool = False) -> Round:
    """A round the user sees; RUN: and runs (committee staff over its scope), else a recorded 404."""
    round_ = scoping.get_visible_or_404(request, selectors.visible_rounds(request.user).select_related("scope"), pk=pk)
    if run and not permissions.runs_for(request.user, round_.scope):
        raise scoping.deny(request, Round, {"pk": pk, "action": "run"}, exists=True, org=round_.scope_id)
    return round_
