"""Pages of the roster: the member list and its export, a member's page, the reveal of
personal data, and the forms that change a record.

Each view parses input, checks permission through core.scoping (selectors do the
scoped look-ups), calls one service and renders. Anything out of reach is a
recorded 404, never a 403, so a probe learns nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.core import audit, excel, scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import attach_errors, paginate

from . import exports, list_html, selectors, services
from .forms import LeaveForm, MemberForm, PostAssignForm, PostEndForm, TransferForm
from .models import CadreRank, Member, Status

NAV = "members"
COLUMNS = (
    # key, label, sort key (or ""), CSS classes that hide minor columns on phones
    ("name", "姓名", "name", ""),
    ("gender", "性别", "", "d-none d-md-table-cell"),
    ("ethnicity", "民族", "", "d-none d-lg-table-cell"),
    ("birth", "出生日期", "birth", "d-none d-md-table-cell"),
    ("status", "人员类别", "", "d-none d-sm-table-cell"),
    ("joined", "入党日期", "joined", "d-none d-lg-table-cell"),
    ("rank", "职级", "", "d-none d-xl-table-cell"),
    ("unit", "工作单位 / 职务", "", "d-none d-xl-table-cell"),
    ("org", "所在组织", "org", ""),
)


def _is_htmx(request: HttpRequest) -> bool:
    # A history restore asks for the whole page even though htmx sends it.
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _require_roster_access(request: HttpRequest, page: str) -> None:
    """The roster pages are for committee staff and organization administrators only."""
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"page": page}, exists=True)


# ---- The member list ------------------------------------------------------------------


def _column_headers(filters: selectors.MemberFilters) -> list[dict[str, Any]]:
    """Each column with its sort link: a click sorts by it, a second click reverses."""
    current = selectors.sort_key(filters.sort)
    params = {k: v for k, v in filters.as_params().items() if k != "sort"}
    headers = []
    for key, label, sort, css in COLUMNS:
        header: dict[str, Any] = {"key": key, "label": label, "css": css, "url": "", "state": ""}
        if sort:
            header["state"] = "asc" if current == sort else "desc" if current == f"-{sort}" else ""
            next_sort = f"-{sort}" if header["state"] == "asc" else sort
            header["url"] = "?" + urlencode({**params, "sort": next_sort})
        headers.append(header)
    return headers


@login_required
@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    _require_roster_access(request, "member_list")
    filters = selectors.MemberFilters.from_params(request.GET)
    members = selectors.members_matching(user=request.user, filters=filters, request=request)
    count = selectors.count_matching(user=request.user, filters=filters, members=members)
    page = paginate(request, members, selectors.page_size(), count=count)
    query = urlencode(filters.as_params())
    headers = _column_headers(filters)
    context = {
        "nav": NAV,
        "page": page,
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "ellipsis": page.paginator.ELLIPSIS,
        "members": page.object_list,
        "member_rows": list_html.member_rows(page.object_list, len(headers)),
        "filters": filters,
        "headers": headers,
        "query": query,
        "page_prefix": f"?{query}&page=" if query else "?page=",
        "export_url": reverse("people:export") + (f"?{query}" if query else ""),
        "export_full_url": reverse("people:export") + "?" + urlencode({**filters.as_params(), "full": "1"}),
        "can_export_full": exports.may_export_full_numbers(request.user),
        "sort": filters.sort,
    }
    if _is_htmx(request):
        response = render(request, "people/_results.html", context)
    else:
        context.update(
            status_choices=Status.choices,
            rank_choices=CadreRank.choices,
            ethnicities=selectors.ethnicities_for(user=request.user),
            can_add=True,
        )
        response = render(request, "people/list.html", context)
    # The same address answers a fragment to htmx and a page to the browser.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list, every page of it, as an .xlsx of the import template, streamed (`exports`).

    Masked ID and phone numbers by default; `full=1` gives full ones to those who may
    reveal them, so that the file can be edited and imported back. Every export is on
    the audit trail, saying which.
    """
    _require_roster_access(request, "member_export")
    filters = selectors.MemberFilters.from_params(request.GET)
    members = selectors.members_matching(user=request.user, filters=filters, request=request)
    full = request.GET.get("full") == "1" and exports.may_export_full_numbers(request.user)
    org = selectors.list_org(user=request.user, org_code=filters.org_code)
    count = members.count()
    audit.record(
        audit.Event.EXPORT,
        request=request,
        target=Member,
        object_repr="人员名册",
        org=org,
        data={
            "filters": filters.as_params(),
            "rows": count,
            "format": "xlsx",
            "personal_data": "full" if full else "masked",
        },
    )
    orgs = list(scoping.visible_orgs(request.user).order_by("path").only("code", "name"))
    response = StreamingHttpResponse(
        exports.stream_roster(exports.roster_rows(members, full_numbers=full), orgs), content_type=excel.XLSX_TYPE
    )
    name = f"人员名册{'（完整信息）' if full else ''}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    add_never_cache_headers(response)
    return response


# ---- A member's page ----------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_detail(request=request, pk=pk)
    return render(request, "people/detail.html", _detail_context(request, member))


def _detail_context(request: HttpRequest, member: Member, **extra: Any) -> dict[str, Any]:
    user = request.user
    current, past = selectors.posts_of(member)
    manages = scoping.can_manage_org(user, member.org)
    return {
        "nav": NAV if scoping.can_see_orgs(user) else "",
        "member": member,
        "age": _age(member),
        "current_posts": [(p, scoping.can_manage_org(user, p.org)) for p in current],
        "past_posts": past,
        "transfers": selectors.transfers_of(member),
        "breadcrumb": selectors.breadcrumb_of(user=user, org=member.org),
        "can_manage": manages,
        "can_reveal": scoping.can_reveal_personal_data(user, member),
        "end_form": PostEndForm(),
        "revealed": None,
        **extra,
    }


def _age(member: Member) -> int:
    today = timezone.localdate()
    born = member.birth_date
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The full ID and phone numbers, for those allowed; every reveal goes on the audit trail."""
    member = selectors.member_detail(request=request, pk=pk)
    if not scoping.can_reveal_personal_data(request.user, member):
        raise scoping.deny(request, Member, {"pk": pk, "action": "reveal"}, exists=True, org=member.org_id)
    audit.record(
        audit.Event.REVEAL,
        request=request,
        target=member,
        org=member.org_id,
        data={"fields": ["id_number", "phone"]},
    )
    revealed = {"id_number": member.id_number, "phone": member.phone}
    if _is_htmx(request):
        response = render(request, "people/_personal.html", {"member": member, "revealed": revealed})
    else:
        response = render(request, "people/detail.html", _detail_context(request, member, revealed=revealed))
    add_never_cache_headers(response)
    return response


# ---- Changing records ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_new(request: HttpRequest) -> HttpResponse:
    _require_roster_access(request, "member_new")
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        initial={"org": request.GET.get("org", "")},
        orgs=scoping.visible_orgs(request.user).order_by("path"),
        units=selectors.units_for(user=request.user),
    )
    if form.is_bound and form.is_valid():
        try:
            member = services.member_create(data=form.to_data())
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记{member.name}。")
            return redirect("people:detail", pk=member.pk)
    return render(request, "people/member_form.html", {"nav": NAV, "form": form, "member": None})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_for_change(request=request, pk=pk)
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        member=member,
        units=selectors.units_for(user=request.user, keep=member.unit_id),
    )
    if form.is_bound and form.is_valid():
        try:
            services.member_update(member=member, data=form.to_data())
        except ValidationError as e:
            member.refresh_from_db()  # the page shows the record as stored, not half-applied
            attach_errors(form, e)
        else:
            messages.success(request, "已保存修改。")
            return redirect("people:detail", pk=member.pk)
    return render(request, "people/member_form.html", {"nav": NAV, "form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_for_change(request=request, pk=pk)
    orgs = selectors.transfer_orgs_for(user=request.user, member=member)
    form = TransferForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            services.member_transfer(
                member=member, to_org=c["to_org"], transferred_on=c["transferred_on"], reason=c["reason"]
            )
        except ValidationError as e:
            member.refresh_from_db()
            attach_errors(form, e)
        else:
            messages.success(request, f"已将{member.name}的组织关系转入{c['to_org'].name}。")
            return redirect("people:detail", pk=member.pk)
    return render(request, "people/transfer_form.html", {"nav": NAV, "form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Off the roster (去世, 出党 …): posts end, the account is turned off, the record is kept."""
    member = selectors.member_for_change(request=request, pk=pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                member=member, left_on=form.cleaned_data["left_on"], reason=form.reason_text(), moved_out=False
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已将{member.name}移出名册（{form.cleaned_data['reason']}），其账号已停用。")
            return redirect("people:list")
    return render(request, "people/leave_form.html", {"nav": NAV, "form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_for_change(request=request, pk=pk)
    form = PostAssignForm(request.POST or None, orgs=selectors.post_orgs_for(user=request.user, member=member))
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            post = services.post_assign(member=member, org=c["org"], title=c["title"], started_on=c["started_on"])
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已任命{member.name}为{post.org.name}{post.get_title_display()}。")
            return redirect("people:detail", pk=member.pk)
    return render(request, "people/post_form.html", {"nav": NAV, "form": form, "member": member})


@login_required
@require_POST
def post_end(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    member = selectors.member_for_change(request=request, pk=pk)
    post = selectors.post_for_change(request=request, member=member, post_id=post_id)
    form = PostEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的免职日期。")
    else:
        try:
            services.post_end(post=post, ended_on=form.cleaned_data["ended_on"])
        except ValidationError as e:
            messages.error(request, "；".join(e.messages))
        else:
            messages.success(request, f"已免去{post.org.name}{post.get_title_display()}职务。")
    return redirect("people:detail", pk=member.pk)


# ---- Records behind a figure ----------------------------------------------------------------


@login_required
@require_GET
def full_time_deputies(request: HttpRequest) -> HttpResponse:
    """专职副书记 appointed in a year in an organization's subtree (cadres.full_time_deputy_secretaries)."""
    _require_roster_access(request, "full_time_deputies")
    org, year = org_and_year_from(request, request.GET)
    posts = selectors.full_time_deputy_posts(org=org, year=year) if org is not None else []
    return render(
        request,
        "people/full_time_deputies.html",
        {"nav": "dashboard", "org": org, "year": year, "posts": posts},
    )
