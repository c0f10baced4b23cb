"""A member's dues for a year (months paid and unpaid, extras), and the writes on it: base, payment, extra, void."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, scoping
from dangjian.core.web import attach_errors, year_param
from dangjian.people.models import Member

from .. import permissions, selectors, services
from ..forms import BaseForm, ExtraForm, PaymentForm, VoidForm
from ..models import DuesBase
from .common import NAV, member_or_404, payment_or_404


def _context(
    request: AuthedRequest, member: Member, year: int, *, revealed: bool = False, **forms: object
) -> dict[str, object]:
    record = selectors.member_year(member, year)
    org = record.base.org if record.base else member.org
    own = getattr(request.user, "person_id", None) == member.pk
    return {
        "nav": NAV,
        "member": member,
        "year": year,
        "record": record,
        "show_base": own or revealed,
        "can_reveal": not own and not revealed and permissions.can_see_base_of(request.user, member, org),
        "mask": permissions.MASK,
        "can_keep": permissions.can_keep(request.user, org),
        "base_form": forms.get("base_form") or BaseForm(initial={
            "category": record.base.category if record.base else "in_work"}),
        "pay_form": forms.get("pay_form") or PaymentForm(),
        "extra_form": forms.get("extra_form") or ExtraForm(),
        "void_form": VoidForm(),
    }  # fmt: skip


def _back(member: Member, year: int) -> HttpResponse:
    return redirect(f"{reverse('dues:member', args=[member.pk])}?year={year}")


def _keep(request: AuthedRequest, member: Member) -> None:
    if not permissions.can_keep(request.user, member.org):
        raise scoping.deny(request, Member, {"pk": member.pk, "action": "dues"}, exists=True, org=member.org_id)


@login_required
@require_GET
def member(request: AuthedRequest, pk: int) -> HttpResponse:
    person = member_or_404(request, pk)
    return render(request, "dues/member.html", _context(request, person, year_param(request.GET)))


@login_required
@require_POST
def reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """The member's base, for their organization's keeper and committee staff; every reveal audited."""
    person = member_or_404(request, pk)
    year = year_param(request.POST)
    base = DuesBase.objects.filter(member=person, year=year).select_related("org").first()
    org = base.org if base else person.org
    if not permissions.can_see_base_of(request.user, person, org):
        raise scoping.deny(request, DuesBase, {"member": pk, "action": "reveal"}, exists=True, org=org.pk)
    audit.record(
        audit.Event.REVEAL, request=request, target=base or person, org=org,
        data={"fields": ["dues_base"], "year": year, "member": person.pk},
    )  # fmt: skip
    response = render(request, "dues/member.html", _context(request, person, year, revealed=True))
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def declare(request: AuthedRequest, pk: int) -> HttpResponse:
    person = member_or_404(request, pk)
    _keep(request, person)
    year = year_param(request.POST)
    form = BaseForm(request.POST)
    if form.is_valid():
        try:
            services.base_declare(
                member=person, year=year, category=form.cleaned_data["category"], base=form.cleaned_data["base"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已核定{person.name} {year} 年度缴费基数。")
            return _back(person, year)
    return render(request, "dues/member.html", _context(request, person, year, base_form=form), status=400)


@login_required
@require_POST
def pay(request: AuthedRequest, pk: int) -> HttpResponse:
    person = member_or_404(request, pk)
    _keep(request, person)
    year = year_param(request.POST)
    form = PaymentForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            done = services.payment_record(
                member=person, year=year, months=d["months"], amount=d["amount"], method=d["method"],
                paid_on=d["paid_on"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            months = "、".join(str(p.month) for p in done)
            messages.success(request, f"已登记{person.name} {year} 年 {months} 月党费。")
            return _back(person, year)
    return render(request, "dues/member.html", _context(request, person, year, pay_form=form), status=400)


@login_required
@require_POST
def extra(request: AuthedRequest, pk: int) -> HttpResponse:
    person = member_or_404(request, pk)
    _keep(request, person)
    year = year_param(request.POST)
    form = ExtraForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.extra_record(
                member=person, amount=d["amount"], method=d["method"], paid_on=d["paid_on"], note=d["note"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记{person.name}自愿多交党费。")
            return _back(person, year)
    return render(request, "dues/member.html", _context(request, person, year, extra_form=form), status=400)


@login_required
@require_POST
def void(request: AuthedRequest, pk: int) -> HttpResponse:
    payment = payment_or_404(request, pk)
    person = member_or_404(request, payment.member_id)
    _keep(request, person)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            services.payment_void(payment=payment, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as e:
            messages.error(request, "；".join(e.messages))
        else:
            messages.success(request, f"已作废 {payment.year} 年 {payment.month} 月的缴费记录。")
    else:
        messages.error(request, "请填写作废原因。")
    return _back(person, payment.year)


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    """The signed-in member's own dues: their base, months paid and unpaid, extras."""
    person_id = getattr(request.user, "person_id", None)
    if not person_id:
        raise scoping.deny(request, Member, {"page": "dues_mine"}, exists=False)
    person = Member.objects.select_related("org").get(pk=person_id)
    year = year_param(request.GET)
    return render(
        request,
        "dues/mine.html",
        {"nav": "mine", "member": person, "year": year, "record": selectors.member_year(person, year),
         "years": list(selectors.years_of(person).values_list("year", flat=True))},
    )  # fmt: skip
