"""Accounts for every member: the organization's page that makes them, the slips, the member's activation.

Organization administrators and committee staff make the accounts of their
subtree's people (`member_accounts`); the slips carry the one-time codes, so
printing or exporting them is on the audit trail. A member activates with the ID
number and the code; a wrong try counts as a failed login of that account
(django-axes), so guessing codes locks like guessing passwords.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.core import excel, scoping
from dangjian.orgs.models import Organization

from .. import lockout, member_accounts
from ..forms import ActivationForm, MemberAccountsForm
from ..member_accounts import format_code
from ..models import ActivationCode
from ..permissions import current_user

NAV = "member_accounts"
# The page lists at most this many people to tick; "all" covers any number.
LISTED = 500


def _require_maker(request: HttpRequest, page: str) -> None:
    if not member_accounts.may_make_member_accounts(current_user(request)):
        raise scoping.deny(request, ActivationCode, {"page": page}, exists=True)


def _org_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (o.code, f"{'　' * (o.depth - 1)}{o.name}（{o.code}）")
        for o in scoping.visible_orgs(request.user).order_by("path").only("code", "name", "path", "depth")
    ]


def _chosen_org(request: HttpRequest, code: str, choices: list[tuple[str, str]]) -> Organization:
    if code not in dict(choices):
        org = Organization.objects.filter(code=code).first()
        raise scoping.deny(request, Organization, {"code": code}, exists=org is not None, org=org.pk if org else None)
    return Organization.objects.get(code=code)


@never_cache
@login_required
@require_GET
def member_accounts_page(request: HttpRequest) -> HttpResponse:
    _require_maker(request, "member_accounts")
    orgs = _org_choices(request)
    code = (request.GET.get("org") or "").strip()[:50] or orgs[0][0]
    org = _chosen_org(request, code, orgs)
    return _render(request, org, orgs)


def _render(
    request: HttpRequest, org: Organization, orgs: list[tuple[str, str]], form: MemberAccountsForm | None = None
) -> HttpResponse:
    by = current_user(request)
    waiting = list(member_accounts.people_without_account(by, org)[: LISTED + 1])
    people = [(str(p.pk), p.name) for p in waiting[:LISTED]]
    return render(
        request,
        "accounts/member_accounts.html",
        {
            "nav": NAV,
            "org": org,
            "orgs": orgs,
            "form": form or MemberAccountsForm(initial={"org": org.code}, orgs=orgs, people=people),
            "people": waiting[:LISTED],
            "more": len(waiting) > LISTED,
            "counts": member_accounts.member_account_counts(by, org),
            "batches": member_accounts.recent_batches(by),
            "code_days": member_accounts.CODE_DAYS,
        },
    )


@login_required
@require_POST
def member_accounts_create(request: HttpRequest) -> HttpResponse:
    _require_maker(request, "member_accounts_create")
    orgs = _org_choices(request)
    code = (request.POST.get("org") or "").strip()[:50]
    if not code:
        org = Organization.objects.get(code=orgs[0][0])
        form = MemberAccountsForm(request.POST, orgs=orgs, people=[])
        form.is_valid()
        return _render(request, org, orgs, form)
    org = _chosen_org(request, code, orgs)
    by = current_user(request)
    people = [(str(p.pk), p.name) for p in member_accounts.people_without_account(by, org)]
    form = MemberAccountsForm(request.POST, orgs=orgs, people=people)
    if not form.is_valid():
        return _render(request, org, orgs, form)
    everyone = request.POST.get("scope") == "all"
    chosen = form.cleaned_data["people"]
    if not everyone and not chosen:
        form.add_error("people", "请勾选要建立账号的人员，或选择“为全部未建账号的人员建立”。")
        return _render(request, org, orgs, form)
    selected = None if everyone else list(member_accounts.Member.objects.filter(pk__in=[int(pk) for pk in chosen]))
    try:
        batch, made = member_accounts.member_accounts_create(by=by, org=org, people=selected, request=request)
    except ValidationError as e:
        form.add_error(None, e)
        return _render(request, org, orgs, form)
    messages.success(request, f"已为{org.name}建立 {len(made)} 个党员账号。请打印激活码条，交本人激活。")
    return redirect("accounts:member_account_slips", batch=batch)


def _batch_rows(request: HttpRequest, batch: str) -> list[tuple[ActivationCode, str]]:
    rows = member_accounts.batch_codes(current_user(request), batch)
    if not rows:
        raise scoping.deny(
            request, ActivationCode, {"batch": batch}, exists=ActivationCode.objects.filter(batch=batch).exists()
        )
    return rows


@login_required
@require_GET
def member_account_slips(request: HttpRequest, batch: str) -> HttpResponse:
    """The batch's unused codes as a sheet of slips to cut (print stylesheet: A4, nothing but the slips)."""
    _require_maker(request, "member_account_slips")
    rows = _batch_rows(request, batch)
    member_accounts.record_codes_handed_out(
        by=current_user(request), batch=batch, rows=len(rows), how="print", request=request
    )
    response = render(
        request,
        "accounts/member_account_slips.html",
        {
            "nav": NAV,
            "batch": batch,
            "slips": [(row, format_code(code)) for row, code in rows],
            "activate_url": request.build_absolute_uri(reverse("accounts:activate")),
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def member_account_slips_export(request: HttpRequest, batch: str) -> HttpResponse:
    _require_maker(request, "member_account_slips_export")
    rows = _batch_rows(request, batch)
    member_accounts.record_codes_handed_out(
        by=current_user(request), batch=batch, rows=len(rows), how="xlsx", request=request
    )
    content = excel.workbook_bytes(
        ("姓名", "所在组织", "身份证号", "用户名", "激活码", "有效期至"),
        [
            (
                row.account.person.name if row.account.person else row.account.display_name,
                row.account.person.org.name if row.account.person else "",
                row.account.person.id_number_masked if row.account.person else "",
                row.account.username,
                format_code(code),
                timezone.localtime(row.expires_at).strftime("%Y-%m-%d"),
            )
            for row, code in rows
        ],
        title="党员账号激活码",
    )
    response = excel.xlsx_response(f"党员账号激活码-{timezone.localdate():%Y%m%d}.xlsx", content)
    add_never_cache_headers(response)
    return response


# --- the member's own step ------------------------------------------------------------


@never_cache
@sensitive_post_parameters("code", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = member_accounts.account_for_login(data["id_number"])
        credentials = {"username": account.username if account is not None else data["id_number"]}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout.lockout_response(request)
        if account is None or not member_accounts.code_matches(account=account, code=data["code"]):
            # Counted like a wrong password of that account: guessing codes locks as guessing passwords does.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if not AxesProxyHandler.is_allowed(request, credentials):
                return lockout.lockout_response(request)
            form.add_error(None, member_accounts.ActivationFailed().text)
            return _activation_page(request, form)
        try:
            password_validation.validate_password(data["new_password1"], account)
            member_accounts.activate(
                account=account, code=data["code"], new_password=data["new_password1"], request=request
            )
        except ValidationError as e:
            form.add_error("new_password1", e)
            return _activation_page(request, form)
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "账号已激活。今后请用身份证号（或用户名）和刚设置的密码登录。")
        return redirect("core:home")
    return _activation_page(request, form)


def _activation_page(request: HttpRequest, form: ActivationForm) -> HttpResponse:
    return render(request, "accounts/activate.html", {"form": form, "policy": _policy(request)})


def _policy(request: HttpRequest) -> Any:
    from .. import policy

    return policy.current(request)
