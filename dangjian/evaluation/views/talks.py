"""The formal-talk (约谈) list (records of evaluation.talks), recording a talk and closing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import attach_errors, export_query, flash_errors, paginate, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..forms import TalkForm
from ..models import Talk
from .common import NAV_TALKS, require_overseer


@login_required
def talk_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "evaluation:talks")
    services.close_due_rounds()
    org, year = org_and_year_from(request, request.GET)
    items = selectors.talks_in(org, year) if org else Talk.objects.none()
    if wants_xlsx(request):
        rows = [
            (t.org.name, t.subject.secretary_name, t.subject.get_grade_display(), t.subject.score,
             t.get_status_display(), t.talked_on or "", t.talked_by, t.content, t.rectification)
            for t in items
        ]  # fmt: skip
        return xlsx_download(
            request, title=f"述职约谈名单_{year}", target=Talk, org=org, rows=rows,
            headers=["党组织", "书记", "评议结果", "得分", "状态", "约谈日期", "约谈人", "约谈内容", "整改情况"],
        )  # fmt: skip
    return render(
        request,
        "evaluation/talks.html",
        {"nav": NAV_TALKS, "org": org, "year": year, "page": paginate(request, items), "export": export_query(request)},
    )


def _talk_or_404(request: AuthedRequest, pk: int) -> Talk:
    talk = scoping.get_visible_or_404(
        request, selectors.visible_talks(request.user).select_related("subject__round", "org"), pk=pk
    )
    if not permissions.runs_for(request.user, talk.org):
        raise scoping.deny(request, Talk, {"pk": pk, "action": "record"}, exists=True, org=talk.org_id)
    return talk


@login_required
def talk_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    talk = _talk_or_404(request, pk)
    initial = {"talked_on": talk.talked_on, "talked_by": talk.talked_by, "content": talk.content,
               "rectification": talk.rectification}  # fmt: skip
    form = TalkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_record(talk=talk, **form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已记录约谈情况。")
            return redirect("evaluation:talks")
    return render(request, "evaluation/talk_form.html", {"nav": NAV_TALKS, "talk": talk, "form": form})


@login_required
@require_POST
def talk_close(request: AuthedRequest, pk: int) -> HttpResponse:
    talk = _talk_or_404(request, pk)
    try:
        services.talk_close(talk=talk, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"约谈已办结：{talk.subject}。")
    return redirect("evaluation:talks")
