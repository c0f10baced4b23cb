"""Results: the table (ranking, grades; Excel and Word), computing, the notice, final; one
organization's breakdown; objections and their answers."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import flash_errors, page_query, paginate, wants_xlsx, xlsx_download
from dangjian.core.web.exports import export_filename

from .. import permissions, selectors, services
from ..conf import AssessmentSettings
from ..errors import ResultsNotComputed
from ..forms import AnswerForm, ObjectionForm
from ..models import Component, ComputeJob, Grade, OrgResult, ResultSet, ResultStatus, Scheme
from .common import NAV, objection_or_404, result_or_404, result_set_or_none, scheme_or_404

COMPONENTS = [(c.value, c.label) for c in Component]
HEADERS = ["排名", "党组织", *[label for _, label in COMPONENTS], "综合得分", "分数对应等次", "等次", "等次限制"]


def _table_rows(rows: list[OrgResult]) -> list[list[object]]:
    return [
        [r.rank, r.org.name, *[r.components.get(c, "") for c, _ in COMPONENTS], r.score, r.get_raw_grade_display(),
         r.get_grade_display(), "；".join(r.capped_by)]
        for r in rows
    ]  # fmt: skip


def _docx(title: str, scheme: Scheme, rows: list[OrgResult]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    weights = "，".join(f"{Component(c).label} {w}%" for c, w in scheme.component_weights().items())
    doc.add_paragraph(
        f"权重：{weights}。分数线：优秀 {scheme.excellent_from}，良好 {scheme.good_from}，一般 {scheme.fair_from}。"
    )
    values: list[list[object]] = [list(HEADERS), *_table_rows(rows)]
    table = doc.add_table(rows=len(values), cols=len(HEADERS))
    table.style = "Table Grid"
    cells = table._cells  # every cell in one pass (row.cells walks the grid again for each row)
    width = len(HEADERS)
    for i, line in enumerate(values):
        for j, value in enumerate(line):
            cells[i * width + j].text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _visible_status(request: AuthedRequest, scheme: Scheme, result_set: ResultSet | None) -> bool:
    """Whether the user may see the rows: staff always; others once the results are in notice."""
    if result_set is None:
        return False
    return permissions.manages_scheme(request.user, scheme) or result_set.status != ResultStatus.COMPUTED


@login_required
@require_GET
def results(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk)
    result_set = result_set_or_none(scheme)
    q = (request.GET.get("q") or "").strip()[:50]
    shown = _visible_status(request, scheme, result_set)
    rows = selectors.result_rows(request.user, result_set, q) if shown and result_set else OrgResult.objects.none()
    title = f"{scheme.title}考核结果"
    fmt = request.GET.get("export", "")
    if shown and (wants_xlsx(request) or fmt == "docx"):
        listed = list(rows)
        if fmt == "docx":
            response = HttpResponse(
                _docx(title, scheme, listed),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=export_filename(title).replace(".xlsx", ".docx")
            )
            return response
        return xlsx_download(request, title=title, headers=HEADERS, rows=_table_rows(listed), target=ResultSet,
                             personal=False)  # fmt: skip
    can_manage = permissions.manages_scheme(request.user, scheme)
    counts: dict[str, int] = {}
    if shown and result_set is not None:
        grouped = selectors.result_rows(request.user, result_set).order_by().values("grade").annotate(n=Count("pk"))
        counts = {row["grade"]: row["n"] for row in grouped}
    return render(
        request,
        "assessment/results.html",
        {
            "nav": NAV, "scheme": scheme, "result_set": result_set, "shown": shown,
            "page": paginate(request, rows, AssessmentSettings.current().list_page_size),
            "query": page_query(request), "q": q, "components": COMPONENTS,
            "grade_counts": [(Grade(g).label, counts.get(g, 0)) for g in Grade.values],
            "can_manage": can_manage, "today": timezone.localdate(),
            "job": services.current_job(scheme) if can_manage else None,
            # The committee's figures of the year beside the assessment's own (staff: the whole committee).
            "figures": selectors.figures_beside(scheme.committee, scheme.year) if can_manage else [],
        },
    )  # fmt: skip


@login_required
@require_POST
def compute(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start computing in the task worker; the results page shows the progress."""
    scheme = scheme_or_404(request, pk, manage=True)
    try:
        services.compute_start(scheme=scheme, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已开始在后台计算考核结果，可以继续使用本页；计算完成后结果自动更新。")
    return redirect("assessment:results", pk=scheme.pk)


@login_required
@require_GET
def compute_job(request: AuthedRequest, pk: str) -> HttpResponse:
    """A computation's progress (the partial htmx polls; a plain visit goes to the results page)."""
    qs = ComputeJob.objects.filter(scheme__in=selectors.visible_schemes(request.user)).select_related("scheme")
    job = scoping.get_visible_or_404(request, qs, pk=pk)
    if not permissions.manages_scheme(request.user, job.scheme):
        raise scoping.deny(request, ComputeJob, {"pk": pk}, exists=True, org=job.scheme.committee_id)
    job = services.interrupt_if_stale(job)
    if not request.headers.get("HX-Request"):
        return redirect("assessment:results", pk=job.scheme_id)
    return render(request, "assessment/_compute_job.html", {"job": job, "scheme": job.scheme})


def _result_set_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    scheme = scheme_or_404(request, pk, manage=True)
    result_set = result_set_or_none(scheme)
    try:
        if result_set is None:
            raise ResultsNotComputed()
        if action == "notice":
            rs = services.results_start_notice(result_set=result_set, by=request.user)
            messages.success(request, f"考核结果开始公示，至 {rs.notice_ends_on:%Y-%m-%d} 结束。")
        else:
            services.results_finalize(result_set=result_set, by=request.user)
            messages.success(request, "考核结果已确定。")
    except ValidationError as e:
        flash_errors(request, e)
    return redirect("assessment:results", pk=scheme.pk)


@login_required
@require_POST
def start_notice(request: AuthedRequest, pk: int) -> HttpResponse:
    return _result_set_action(request, pk, "notice")


@login_required
@require_POST
def finalize(request: AuthedRequest, pk: int) -> HttpResponse:
    return _result_set_action(request, pk, "final")


@login_required
@require_GET
def result_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    result = result_or_404(request, pk)
    scheme = result.result_set.scheme
    can_manage = permissions.manages_scheme(request.user, scheme)
    objections = list(result.objections.select_related("filed_by", "answered_by"))
    rs = result.result_set
    in_notice = (
        rs.status == ResultStatus.NOTICE and rs.notice_ends_on is not None and timezone.localdate() <= rs.notice_ends_on
    )
    return render(
        request,
        "assessment/result_detail.html",
        {
            "nav": NAV, "result": result, "scheme": scheme, "objections": objections, "can_manage": can_manage,
            "components": [(label, result.components.get(c)) for c, label in COMPONENTS if c in result.components],
            "can_object": in_notice and permissions.can_self_evaluate(request.user, result.org) and not can_manage,
            "objection_form": ObjectionForm(), "answer_form": AnswerForm(),
        },
    )  # fmt: skip


@login_required
@require_POST
def objection_new(request: AuthedRequest, pk: int) -> HttpResponse:
    result = result_or_404(request, pk)
    form = ObjectionForm(request.POST)
    try:
        services.objection_file(result=result, text=form.data.get("text", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已提交异议，工委答复后将在此显示。")
    return redirect("assessment:result_detail", pk=result.pk)


@login_required
@require_POST
def objection_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    objection = objection_or_404(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "分数调整应为数字。未保存任何内容。")
    else:
        try:
            services.objection_answer(
                objection=objection, answer=form.cleaned_data["answer"], score_change=form.cleaned_data["score_change"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, "已答复异议。")
    return redirect("assessment:result_detail", pk=objection.result_id)
