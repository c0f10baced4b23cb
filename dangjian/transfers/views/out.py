"""Letters out of the committee: the list (records of transfers.out), the overdue receipts,
issuing a letter, a letter with its receipt, expiry and cancellation, and its print view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import pdf, scoping
from dangjian.core.web import attach_errors, flash_errors, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..conf import TransfersSettings
from ..forms import MemberSearchForm, OutLetterForm, ReasonForm, ReceiptForm
from ..models import OutLetter, OutStatus
from .common import NAV, list_context, require_letters_runner, require_runs_for, scope_and_year

HEADERS = [
    "介绍信编号", "姓名", "性别", "党员类别", "转出支部", "接收党组织", "接收党组织层级", "转接原因",
    "开具日期", "有效期至", "状态", "回执日期", "回执接收党组织",
]  # fmt: skip


def _rows(letters):
    for x in letters:
        yield (
            x.number, x.member_name, x.member_gender, x.member_status, x.org.name, x.dest_name, x.dest_level,
            x.reason, x.issued_on, x.valid_until, x.get_status_display(), x.receipt_on or "", x.receipt_org_name,
        )  # fmt: skip


def _letter_or_404(request: AuthedRequest, pk: int) -> OutLetter:
    qs = selectors.visible_out_letters(request.user).select_related("org", "member")
    return scoping.get_visible_or_404(request, qs, pk=pk)


@login_required
def letters(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, OutLetter, "transfers:out")
    status = request.GET.get("status", "")
    items = selectors.out_letters_in(org, year).select_related("org") if org else OutLetter.objects.none()
    if status in OutStatus.values:
        items = items.filter(status=status)
    items = items.order_by("-issued_on", "-seq")
    if wants_xlsx(request):
        return xlsx_download(
            request, title=f"组织关系转出_{year}", target=OutLetter, org=org, headers=HEADERS, rows=_rows(items)
        )
    today = timezone.localdate()
    return render(
        request,
        "transfers/out_list.html",
        {"org": org, "year": year, "status": status, "statuses": OutStatus.choices, "today": today,
         **list_context(request, items)},
    )  # fmt: skip


@login_required
def overdue(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, OutLetter, "transfers:overdue")
    today = timezone.localdate()
    items = selectors.overdue_letters(org, today) if org else OutLetter.objects.none()
    if wants_xlsx(request):
        return xlsx_download(
            request, title="回执逾期未返回的介绍信", target=OutLetter, org=org, headers=HEADERS, rows=_rows(items)
        )
    return render(
        request, "transfers/overdue.html", {"org": org, "year": year, "today": today, **list_context(request, items)}
    )


@login_required
def letter_new(request: AuthedRequest) -> HttpResponse:
    """Find the member (by name), then fill the letter."""
    require_letters_runner(request, OutLetter, "transfers:out_new")
    search = MemberSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    members = selectors.pickable_members(request.user)
    chosen = members.filter(pk=request.GET.get("member") or request.POST.get("member") or 0).first()
    form = OutLetterForm(
        request.POST or None,
        members=members,
        initial={"member": chosen.pk if chosen else None, "issued_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_issue(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已开具介绍信 {letter.number}，{letter.member_name}已转出本工委名册。")
            return redirect("transfers:out_detail", pk=letter.pk)
    return render(
        request,
        "transfers/out_form.html",
        {"nav": NAV, "form": form, "search": search, "q": q, "chosen": chosen,
         "matches": selectors.member_matches(request.user, q) if not chosen else []},
    )  # fmt: skip


@login_required
def letter_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "transfers/out_detail.html",
        {"nav": NAV, "letter": letter, "today": today, "overdue": letter.is_overdue(today),
         "can_run": permissions.runs_letters_for(request.user, letter.org),
         "receipt_form": ReceiptForm(initial={"receipt_on": today, "receipt_org_name": letter.dest_name}),
         "cancel_form": ReasonForm()},
    )  # fmt: skip


@login_required
@require_POST
def letter_receipt(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    require_runs_for(request, letter, "receipt")
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写回执日期和接收党组织。")
        return redirect("transfers:out_detail", pk=letter.pk)
    try:
        services.letter_record_receipt(letter=letter, **form.cleaned_data, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已登记介绍信 {letter.number} 的回执。")
    return redirect("transfers:out_detail", pk=letter.pk)


@login_required
@require_POST
def letter_expire(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    require_runs_for(request, letter, "expire")
    try:
        services.letter_expire(letter=letter)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"介绍信 {letter.number} 已标记为过期。")
    return redirect("transfers:out_detail", pk=letter.pk)


@login_required
@require_POST
def letter_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    require_runs_for(request, letter, "cancel")
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.letter_cancel(letter=letter, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"介绍信 {letter.number} 已作废，{letter.member_name}已回到原支部名册。")
    return redirect("transfers:out_detail", pk=letter.pk)


@login_required
def letter_print(request: AuthedRequest, pk: int) -> HttpResponse:
    """The letter on A4: the counterfoil (存根), the letter, and the receipt slip (回执); ?format=pdf by WeasyPrint."""
    letter = _letter_or_404(request, pk)
    context = {"letter": letter, "issuer": TransfersSettings.current().issuer}
    if request.GET.get("format") == "pdf":
        try:
            data = pdf.render_pdf("transfers/out_print_pdf.html", context)
        except (ImportError, OSError):  # WeasyPrint or its Pango libraries missing on this server
            messages.info(request, "本服务器不能生成 PDF，请用浏览器“打印”另存为 PDF。")
        else:
            response = HttpResponse(data, content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="letter-{letter.year}-{letter.seq:03d}.pdf"'
            return response
    return render(request, "transfers/out_print.html", context)
