"""The evaluation API (/api/v1/evaluation): rounds one may see, and a round's tally once it is over.

Scoped like the pages: an organization's administrators see their own
secretaries only; a round out of reach is a recorded 404. Before the deadline the
tally is not shown (only the turnout), so that nobody reads a running count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, answers
from dangjian.core.web import ApiOffset

from . import permissions, selectors
from .models import Round
from .views.common import round_or_404

router = Router(tags=["述职评议"])
MAX_LIMIT = 100


class EvaluationRoundOut(Schema):
    id: int
    title: str
    year: int
    scope_code: str
    scope_name: str
    deadline: dt.datetime
    status: str = Field(description="open | closed（已过截止时间的按 closed 处理）")
    ballots_cast: int
    evaluators: int


class EvaluationRoundPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[EvaluationRoundOut]


class EvaluationListQuery(Schema):
    offset: ApiOffset = 0
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class EvaluationResultOut(Schema):
    org_code: str
    org_name: str
    secretary: str
    report_status: str
    good: int
    fairly_good: int
    average: int
    poor: int
    score: Decimal | None
    grade: str = Field(description="good | fairly_good | average | poor；空：无人评议或尚未截止")


class EvaluationTallyOut(Schema):
    round: EvaluationRoundOut
    results: list[EvaluationResultOut]


def _require(request: HttpRequest) -> None:
    if not permissions.sees_evaluation(request.user):
        raise scoping.deny(request, Round, {"api": "evaluation"}, exists=True)


def _round_out(r: Round) -> EvaluationRoundOut:
    cast, named = selectors.turnout(r)
    return EvaluationRoundOut(
        id=r.pk, title=r.title, year=r.year, scope_code=r.scope.code, scope_name=r.scope.name, deadline=r.deadline,
        status="closed" if selectors.is_over(r) else "open", ballots_cast=cast, evaluators=named,
    )  # fmt: skip


@router.get(
    "/rounds", response=answers(EvaluationRoundPage, 404, 422), url_name="evaluation_rounds", summary="述职评议列表"
)
def rounds(request: HttpRequest, query: Query[EvaluationListQuery]) -> EvaluationRoundPage:
    _require(request)
    qs = selectors.visible_rounds(request.user).select_related("scope")
    items = [_round_out(r) for r in qs[query.offset : query.offset + query.limit]]
    return EvaluationRoundPage(count=qs.count(), offset=query.offset, limit=query.limit, items=items)


@router.get(
    "/rounds/{round_id}",
    response=answers(EvaluationTallyOut, 404, 422),
    url_name="evaluation_round",
    summary="一次述职评议及其计票结果",
)
def round_tally(request: HttpRequest, round_id: ApiId) -> EvaluationTallyOut:
    _require(request)
    r = round_or_404(request, round_id)
    subjects = list(selectors.visible_subjects(request.user).filter(round=r).select_related("org").order_by("position"))
    found = selectors.results(r, subjects) if selectors.is_over(r) else {}
    results = []
    for s in subjects:
        res = found.get(s.pk)
        results.append(
            EvaluationResultOut(
                org_code=s.org.code,
                org_name=s.org.name,
                secretary=s.secretary_name,
                report_status=s.report_status,
                good=res.good if res else 0,
                fairly_good=res.fairly_good if res else 0,
                average=res.average if res else 0,
                poor=res.poor if res else 0,
                score=res.score if res else None,
                grade=res.grade if res else "",
            )  # fmt: skip
        )
    return EvaluationTallyOut(round=_round_out(r), results=results)
