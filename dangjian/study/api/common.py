"""What the study API's routes share: the router, who may call, paging."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.api import ApiText
from dangjian.core.selectors import default_org_for
from dangjian.core.web import ApiOffset, ApiYear
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

router = Router(tags=["学习培训与组织生活"])

MAX_LIMIT = 500


def _managers_only(request: AuthedRequest, model: type[Model], what: str) -> None:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, model, {"api": what}, exists=True)


def _person(request: AuthedRequest, what: str) -> Member:
    person = request.user.person if request.user.person_id else None
    if person is None:
        raise scoping.deny(request, Member, {"api": what}, exists=True)
    return person


def _org_by_code(request: AuthedRequest, code: str) -> Organization:
    """The visible organization with CODE, or a recorded 404."""
    return scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)


def _org(request: AuthedRequest, code: str | None) -> Organization | None:
    """The organization named by CODE; without one, the user's own (None when they have none)."""
    if code:
        return _org_by_code(request, code)
    return default_org_for(request.user)


def _refuse(e: ValidationError) -> HttpError:
    return HttpError(400, "；".join(e.messages))


class StudyPaging(Schema):
    year: ApiYear | None = Field(None, description="年度，默认今年")
    org: ApiText | None = Field(None, description="组织编码（含下级）")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0
