"""Case studies (/papers/cases/) and research outputs (/papers/research/): list, form,
page, steps, awards, and the year's compilation as a Word document."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.core import audit, scoping
from dangjian.core.selectors import default_org_for
from dangjian.core.web import attach_errors, paginate, year_param

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..forms import AwardForm, CommentForm, PaperForm
from ..models import Paper, PaperKind
from ..services import papers as services
from ..services import reports as steps
from .common import NAV, run_step

KINDS = {"cases": PaperKind.CASE_STUDY, "research": PaperKind.RESEARCH_OUTPUT}


def _kind(slug: str) -> str:
    if slug not in KINDS:
        raise Http404("未找到该类别。")
    return KINDS[slug]


def _ctx(slug: str, **extra: Any) -> dict[str, Any]:
    kind = KINDS[slug]
    return {"nav": NAV, "tab": slug, "slug": slug, "kind": kind, "kind_label": PaperKind(kind).label, **extra}


@login_required
@require_GET
def paper_list(request: HttpRequest, kind: str) -> HttpResponse:
    paper_kind = _kind(kind)
    permissions.require_page(request, kind, Paper)
    year = year_param(request.GET, default=0) or None  # blank: every year
    papers = selectors.papers_for(user=request.user, kind=paper_kind, year=year)
    this_year = timezone.localdate().year
    return render(
        request,
        "publicity/paper_list.html",
        _ctx(
            kind,
            page=paginate(request, papers, PublicitySettings.current().list_page_size),
            year=year,
            query=f"year={year}" if year else "",
            years=range(this_year, this_year - 6, -1),
            compile_year=year or this_year,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_new(request: HttpRequest, kind: str) -> HttpResponse:
    paper_kind = _kind(kind)
    permissions.require(request, permissions.WRITERS, Paper, f"publicity:paper_new:{kind}")
    form = PaperForm(
        request.POST if request.method == "POST" else None, orgs=permissions.orgs_for(request.user, permissions.WRITERS)
    )
    if form.is_bound and form.is_valid():
        try:
            paper = services.paper_create(by=request.user, kind=paper_kind, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存草稿。")
            return redirect("publicity:paper", kind=kind, pk=paper.pk)
    return render(request, "publicity/paper_form.html", _ctx(kind, form=form, paper=None))


@login_required
@require_http_methods(["GET", "POST"])
def paper_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = selectors.paper_for(request, pk, _kind(kind))
    refusal = permissions.record_refusal(request.user, paper, "edit")
    if refusal is not None:
        messages.error(request, refusal.text)
        return redirect("publicity:paper", kind=kind, pk=paper.pk)
    initial = {f: getattr(paper, f) for f in ("year", "title", "authors", "summary", "body")} | {"org": paper.org_id}
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        orgs=permissions.orgs_for(request.user, permissions.WRITERS),
    )
    if form.is_bound and form.is_valid():
        try:
            services.paper_update(paper=paper, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存修改。")
            return redirect("publicity:paper", kind=kind, pk=paper.pk)
    return render(request, "publicity/paper_form.html", _ctx(kind, form=form, paper=paper))


@login_required
@require_GET
def paper_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = selectors.paper_for(request, pk, _kind(kind))
    actions = permissions.record_actions(request.user, paper)
    return render(
        request,
        "publicity/paper_detail.html",
        _ctx(
            kind,
            paper=paper,
            steps=steps.steps_of(paper),
            can_edit=actions.edit,
            can_review=actions.review,
            can_award=actions.award,
            comment_form=CommentForm(),
            award_form=AwardForm(),
        ),
    )


def _for_committee(request: HttpRequest, kind: str, pk: int, action: str) -> Paper:
    paper = selectors.paper_for(request, pk, _kind(kind))
    if not permissions.is_committee_for(request.user, paper.org):
        raise scoping.deny(request, Paper, {"pk": pk, "action": action}, exists=True, org=paper.org_id)
    return paper


def _step(request: HttpRequest, kind: str, paper: Paper, run: Any, done: str) -> HttpResponse:
    return run_step(request, run, done=done, then=reverse("publicity:paper", kwargs={"kind": kind, "pk": paper.pk}))


@login_required
@require_POST
def paper_submit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = selectors.paper_for(request, pk, _kind(kind))
    return _step(request, kind, paper, lambda: steps.submit(record=paper, by=request.user), "已提交工委。")


@login_required
@require_POST
def paper_return(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = _for_committee(request, kind, pk, "return")
    comment = request.POST.get("comment", "")
    return _step(
        request, kind, paper, lambda: steps.return_to_org(record=paper, by=request.user, comment=comment), "已退回。"
    )


@login_required
@require_POST
def paper_send(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = _for_committee(request, kind, pk, "send")
    return _step(request, kind, paper, lambda: steps.send_up(record=paper, by=request.user), "已报送上级。")


@login_required
@require_POST
def paper_award(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper = _for_committee(request, kind, pk, "award")
    form = AwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择获奖等次，填写奖项名称和获奖日期。")
        return redirect("publicity:paper", kind=kind, pk=paper.pk)
    d = form.cleaned_data
    return _step(
        request,
        kind,
        paper,
        lambda: services.paper_award(
            paper=paper, by=request.user, level=d["level"], name=d["name"], awarded_on=d["awarded_on"]
        ),
        "已登记获奖。",
    )


@login_required
@require_GET
def paper_compile(request: HttpRequest, kind: str) -> HttpResponse:
    """The year's submitted and sent papers of the visible subtree, as one .docx (汇编)."""
    from ..compilation import compile_docx, title_of  # python-docx (lxml) only where a file is made

    paper_kind = _kind(kind)
    permissions.require(request, permissions.WRITERS, Paper, f"publicity:paper_compile:{kind}")
    year = year_param(request.GET)
    papers = selectors.compilation_papers(user=request.user, kind=paper_kind, year=year)
    root = default_org_for(request.user) or (papers[0].org if papers else None)
    committee = root.name if root is not None and root.depth == 1 else ""
    content = compile_docx(kind=paper_kind, year=year, papers=papers, committee=committee)
    audit.record(
        audit.Event.EXPORT,
        request=request,
        target=Paper,
        object_repr=title_of(paper_kind, year, committee),
        org=root,
        data={"kind": paper_kind, "year": year, "papers": len(papers), "format": "docx"},
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    filename = f"{title_of(paper_kind, year)}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
