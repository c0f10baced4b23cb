"""The phone-sized ballot page, reached by an evaluator's personal link (no login needed).

The token names the evaluator; it is refused when forged or revoked (404) and
stops working at the round's deadline (the page says so). A second ballot and a
ballot after the deadline are refused with a message, nothing written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from dangjian.core.web import error_text

from .. import selectors, services
from ..forms import ballot_grades
from ..models import GRADE_ORDER, Evaluator


@never_cache
def ballot(request: HttpRequest, token: str) -> HttpResponse:
    evaluator = selectors.evaluator_for_token(token)
    if evaluator is None:
        raise Http404("评议链接无效或已作废。")
    round_ = evaluator.round
    subjects = list(round_.subjects.select_related("org").order_by("position"))
    context: dict[str, object] = {"evaluator": evaluator, "round": round_, "grades": GRADE_ORDER, "chosen": {}}
    if request.method == "POST":
        chosen = ballot_grades(request.POST, [s.pk for s in subjects])
        try:
            services.ballot_cast(evaluator=evaluator, grades=chosen, request=request)
        except ValidationError as e:
            context.update(error=error_text(e), chosen=chosen)
        else:
            return render(request, "evaluation/ballot_done.html", context)
    fresh = Evaluator.objects.get(pk=evaluator.pk)
    if fresh.cast_at is not None and "error" not in context:
        context["error"] = "您已投过票，感谢参与。每位评议人只能投票一次。"
    elif not round_.accepts_ballots() and "error" not in context:
        context["error"] = "本次述职评议已截止，不能再投票。"
    context["rows"] = [(s, context["chosen"].get(s.pk, "")) for s in subjects]  # type: ignore[attr-defined]
    context["open"] = round_.accepts_ballots() and fresh.cast_at is None
    status = 409 if request.method == "POST" and not context["open"] else 200
    return render(request, "evaluation/ballot.html", context, status=status)
