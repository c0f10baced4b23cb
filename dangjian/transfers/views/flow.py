"""Members in flow (流动党员): the list by branch (records of transfers.flow), recording one, their return."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors, wants_xlsx, xlsx_download

from .. import selectors, services
from ..forms import FlowEndForm, FlowForm, MemberSearchForm
from ..models import FlowMember, FlowStatus
from .common import NAV_FLOW, list_context, require_manages, require_overseer, scope_and_year

HEADERS = ["所在支部", "姓名", "流动地点", "工作单位", "联系方式", "外出日期", "预计返回日期", "状态", "返回日期"]


@login_required
def flows(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, FlowMember, "transfers:flow")
    items = selectors.flows_in(org, year) if org else FlowMember.objects.none()
    if request.GET.get("status") in FlowStatus.values:
        items = items.filter(status=request.GET["status"])
    items = items.select_related("org", "member").order_by("org__path", "-since", "id")
    if wants_xlsx(request):
        rows = [
            (f.org.name, f.member.name, f.place, f.employer, f.contact, f.since, f.expected_return or "",
             f.get_status_display(), f.returned_on or "")
            for f in items
        ]  # fmt: skip
        return xlsx_download(request, title=f"流动党员_{year}", target=FlowMember, org=org, headers=HEADERS, rows=rows)
    return render(
        request,
        "transfers/flow_list.html",
        {"org": org, "year": year, "status": request.GET.get("status", ""), "statuses": FlowStatus.choices,
         "today_iso": timezone.localdate().isoformat(), **list_context(request, items),
         "nav": NAV_FLOW},
    )  # fmt: skip


@login_required
def flow_new(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, FlowMember, "transfers:flow_new")
    search = MemberSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    members = selectors.pickable_members(request.user)
    chosen = members.filter(pk=request.GET.get("member") or request.POST.get("member") or 0).first()
    form = FlowForm(request.POST or None, members=members, initial={"member": chosen.pk if chosen else None})
    if request.method == "POST" and form.is_valid():
        try:
            flow = services.flow_start(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记流动党员：{flow.member.name}（{flow.place}）。")
            return redirect("transfers:flow")
    return render(
        request,
        "transfers/flow_form.html",
        {"nav": NAV_FLOW, "form": form, "search": search, "q": q, "chosen": chosen,
         "matches": selectors.member_matches(request.user, q) if not chosen else []},
    )  # fmt: skip


@login_required
@require_POST
def flow_end(request: AuthedRequest, pk: int) -> HttpResponse:
    flow = scoping.get_visible_or_404(request, selectors.visible_flows(request.user).select_related("org"), pk=pk)
    require_manages(request, flow, "end")
    form = FlowEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写返回日期。")
        return redirect("transfers:flow")
    try:
        services.flow_end(flow=flow, returned_on=form.cleaned_data["returned_on"])
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"{flow.member.name}已返回，流动党员登记结束。")
    return redirect("transfers:flow")
