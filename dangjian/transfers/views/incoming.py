"""Letters into the committee: the list (records of transfers.in), receiving a letter, placing
the member in a branch (they go on the roster), sending a letter back."""

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

from .. import permissions, selectors, services
from ..forms import InLetterForm, PlaceForm, ReasonForm
from ..models import InLetter, InStatus
from .common import NAV, list_context, require_letters_runner, require_manages, scope_and_year

HEADERS = [
    "介绍信编号", "转出党组织", "姓名", "性别", "身份证号", "党员类别", "收到日期", "接收组织", "状态", "编入日期",
]  # fmt: skip


def _letter_or_404(request: AuthedRequest, pk: int) -> InLetter:
    qs = selectors.visible_in_letters(request.user).select_related("org", "member")
    return scoping.get_visible_or_404(request, qs, pk=pk)


@login_required
def letters(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, InLetter, "transfers:incoming")
    status = request.GET.get("status", "")
    items = selectors.in_letters_in(org, year).select_related("org") if org else InLetter.objects.none()
    if status in InStatus.values:
        items = items.filter(status=status)
    items = items.order_by("-received_on", "-id")
    if wants_xlsx(request):
        rows = [
            (x.number, x.origin_name, x.name, x.get_gender_display(), x.id_number_masked, x.party_status_label,
             x.received_on, x.org.name, x.get_status_display(), x.placed_on or "")
            for x in items
        ]  # fmt: skip
        title = f"组织关系转入_{year}"
        return xlsx_download(request, title=title, target=InLetter, org=org, headers=HEADERS, rows=rows)
    return render(
        request,
        "transfers/in_list.html",
        {"org": org, "year": year, "status": status, "statuses": InStatus.choices, **list_context(request, items)},
    )


@login_required
def letter_new(request: AuthedRequest) -> HttpResponse:
    require_letters_runner(request, InLetter, "transfers:in_new")
    today = timezone.localdate()
    form = InLetterForm(
        request.POST or None,
        orgs=selectors.receiving_orgs(request.user),
        branches=selectors.placeable_branches(request.user),
        initial={"received_on": today, "org": selectors.receiving_orgs(request.user).first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.in_letter_receive(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            if letter.status == InStatus.PLACED:
                messages.success(request, f"已接收介绍信，{letter.name}已编入{letter.org.name}。")
            else:
                messages.success(request, f"已接收介绍信 {letter.number}，请将{letter.name}编入党支部。")
            return redirect("transfers:in_detail", pk=letter.pk)
    return render(request, "transfers/in_form.html", {"nav": NAV, "form": form})


@login_required
def letter_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    may = permissions.manages(request.user, letter.org)
    return render(
        request,
        "transfers/in_detail.html",
        {"nav": NAV, "letter": letter, "may_place": may and letter.status == InStatus.RECEIVED,
         "place_form": PlaceForm(branches=selectors.placeable_branches(request.user),
                                 initial={"placed_on": timezone.localdate()}),
         "return_form": ReasonForm()},
    )  # fmt: skip


@login_required
@require_POST
def letter_place(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    require_manages(request, letter, "place")
    form = PlaceForm(request.POST, branches=selectors.placeable_branches(request.user))
    if not form.is_valid():
        flash_errors(request, ValidationError(form.errors))
        return redirect("transfers:in_detail", pk=letter.pk)
    try:
        placed = services.in_letter_place(letter=letter, **form.cleaned_data, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"{placed.name}已编入{placed.org.name}，列入名册。")
    return redirect("transfers:in_detail", pk=letter.pk)


@login_required
@require_POST
def letter_return(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    require_manages(request, letter, "return")
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.in_letter_return(letter=letter, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"介绍信 {letter.number} 已退回。")
    return redirect("transfers:in_detail", pk=letter.pk)
