"""Marks: the assessors' scoring sheet of an indicator, an organization's self-evaluation page
(with its result and objections), evidence downloads, and the organization administrator's own list."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.core.web import attach_errors, flash_errors

from .. import permissions, selectors, services
from ..forms import ObjectionForm, ReviewForm, SelfMarkForm
from ..models import Indicator, Mark, MarkKind, OrgResult, Scheme, Source
from .common import NAV, indicator_or_404, org_or_404, require_user, result_set_or_none, scheme_or_404


def _points(raw: str) -> Decimal | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        return Decimal(-1)  # refused by the service as not a number of points


@login_required
@require_http_methods(["GET", "POST"])
def score_indicator(request: AuthedRequest, pk: int) -> HttpResponse:
    """The assessor's sheet: every rated organization with this assessor's points for INDICATOR."""
    indicator = indicator_or_404(request, pk)
    scheme = indicator.category.scheme
    if indicator.source != Source.COMMITTEE or not permissions.is_assessor(request.user, scheme):
        raise scoping.deny(request, Indicator, {"pk": pk, "action": "score"}, exists=True)
    orgs = list(services.assessed_orgs(scheme))
    mine = {
        m.org_id: m
        for m in Mark.objects.filter(
            committee=scheme.committee, year=scheme.year, indicator_key=indicator.key,
            kind=MarkKind.COMMITTEE, assessor=request.user,
        )
    }  # fmt: skip
    errors: dict[str, str] = {}
    if request.method == "POST":
        points = {o: _points(request.POST.get(f"p_{o.pk}", "")) for o in orgs}
        notes = {o: request.POST.get(f"n_{o.pk}", "") for o in orgs}
        try:
            services.mark_committee(scheme=scheme, indicator=indicator, points=points, notes=notes, by=request.user)
        except ValidationError as e:
            errors = {k: str(v[0].message) for k, v in getattr(e, "error_dict", {}).items()} or {"__all__": str(e)}
            messages.error(request, "有评分不符合要求，请按提示修改。未保存任何评分。")
        else:
            messages.success(request, f"已保存“{indicator.name}”的评分。")
            return redirect("assessment:score_indicator", pk=indicator.pk)
    rows = [
        {"org": o, "mark": mine.get(o.pk), "error": errors.get(f"p_{o.pk}", ""),
         "value": request.POST.get(f"p_{o.pk}", "") if request.method == "POST" else (
             f"{mine[o.pk].points}" if o.pk in mine else "")}
        for o in orgs
    ]  # fmt: skip
    return render(
        request, "assessment/score_indicator.html",
        {"nav": NAV, "scheme": scheme, "indicator": indicator, "rows": rows, "errors": errors},
    )  # fmt: skip


@login_required
@require_GET
def org_page(request: AuthedRequest, pk: int, code: str) -> HttpResponse:
    """ORG's page in SCHEME: its self-evaluation (forms for those who may fill it), its result, objections."""
    scheme = scheme_or_404(request, pk)
    org = org_or_404(request, scheme, code)
    marks = selectors.org_marks(scheme, org)
    can_fill = scheme.is_published and permissions.can_self_evaluate(request.user, org)
    indicators = list(Indicator.objects.filter(category__scheme=scheme, source=Source.SELF).select_related("category"))
    can_review = scheme.is_published and permissions.manages_scheme(request.user, scheme)
    rows = [
        {"indicator": i, "mark": marks.get(i.key), "form": SelfMarkForm(prefix=f"i{i.pk}"),
         "review_form": ReviewForm(prefix=f"r{i.pk}") if can_review else None}
        for i in indicators
    ]  # fmt: skip
    result_set = result_set_or_none(scheme)
    result: OrgResult | None = None
    if result_set is not None and (result_set.status != "computed" or permissions.manages_scheme(request.user, scheme)):
        result = result_set.results.filter(org=org).first()
    return render(
        request,
        "assessment/org_page.html",
        {"nav": NAV, "scheme": scheme, "org": org, "rows": rows, "can_fill": can_fill, "can_review": can_review,
         "result": result,
         "result_set": result_set, "objection_form": ObjectionForm()},
    )  # fmt: skip


@login_required
@require_POST
def self_mark(request: AuthedRequest, pk: int, code: str) -> HttpResponse:
    """ORG's self-evaluation of the indicator PK, with evidence files."""
    indicator = indicator_or_404(request, pk)
    scheme = indicator.category.scheme
    org = org_or_404(request, scheme, code)
    if not permissions.can_self_evaluate(request.user, org):
        raise scoping.deny(request, Mark, {"org": org.pk, "action": "self"}, exists=True, org=org.pk)
    form = SelfMarkForm(request.POST, request.FILES, prefix=f"i{indicator.pk}")
    if form.is_valid():
        try:
            services.mark_self(
                scheme=scheme, indicator=indicator, org=org, points=form.cleaned_data["points"],
                note=form.cleaned_data["note"], files=form.cleaned_data["files"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
            flash_errors(request, e)
        else:
            messages.success(request, f"已保存“{indicator.name}”的自评。")
    else:
        messages.error(request, "请填写自评得分（数字）。未保存任何内容。")
    return redirect("assessment:org_page", pk=scheme.pk, code=org.code)


@login_required
@require_POST
def review_mark(request: AuthedRequest, pk: int) -> HttpResponse:
    """The committee's review of one self-evaluation (accept, adjust with a reason, return)."""
    mark = scoping.get_visible_or_404(request, selectors.visible_self_marks(request.user).select_related("org"), pk=pk)
    scheme = selectors.in_force(mark.committee, mark.year)
    if scheme is None or not permissions.manages_scheme(request.user, scheme):
        raise scoping.deny(request, Mark, {"pk": pk, "action": "review"}, exists=True, org=mark.org_id)
    indicator = Indicator.objects.filter(category__scheme=scheme, key=mark.indicator_key).first()
    form = ReviewForm(request.POST, prefix=f"r{indicator.pk}" if indicator else "r")
    if form.is_valid():
        try:
            services.mark_review(
                scheme=scheme, mark=mark, decision=form.cleaned_data["decision"], points=form.cleaned_data["points"],
                reason=form.cleaned_data["reason"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"已审核{mark.org.name}“{indicator.name if indicator else ''}”的自评。")
    else:
        flash_errors(request, ValidationError([m for errs in form.errors.values() for m in errs]))
    return redirect("assessment:org_page", pk=scheme.pk, code=mark.org.code)


@login_required
@require_GET
def reviews(request: AuthedRequest, pk: int) -> HttpResponse:
    """The self-evaluations of the scheme waiting for the committee's review."""
    scheme = scheme_or_404(request, pk, manage=True)
    pending = selectors.pending_reviews(scheme)
    return render(request, "assessment/reviews.html", {"nav": NAV, "scheme": scheme, "rows": pending})


@login_required
@require_GET
def evidence(request: AuthedRequest, pk: int) -> HttpResponseBase:
    item = scoping.get_visible_or_404(request, selectors.visible_evidence(request.user).select_related("mark"), pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    """The organizations the administrator manages, in each committee's scheme in force."""
    require_user(request, "mine")
    paths = tree.minimal_paths(scoping.scope_paths(request.user, (Role.ORG_ADMIN,)))
    schemes = [s for s in selectors.schemes_for(request.user) if s.is_published]
    latest: dict[tuple[int, int], Scheme] = {}
    for s in schemes:
        latest.setdefault((s.committee_id, s.year), s)
    entries = []
    for scheme in latest.values():
        orgs = list(services.assessed_orgs(scheme).filter(path__in=paths))
        rs = result_set_or_none(scheme)
        results = {r.org_id: r for r in rs.results.filter(org__in=orgs)} if rs and rs.status != "computed" else {}
        entries.append({"scheme": scheme, "orgs": [(o, results.get(o.pk)) for o in orgs], "result_set": rs})
    return render(request, "assessment/mine.html", {"nav": "assessment_mine", "entries": entries})
