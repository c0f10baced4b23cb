"""The system administrator's pages: accounts tied to people of the roster; and the owner's confirmation.

The system administrator creates, resets, deactivates; never grants a role, never
sees a password (`permissions`: 三员分立). A new or reset password is generated
when the account's owner organization confirms it, and shown to the confirmer once.

Personal data is shown masked here, always: the system administrator never
reveals an ID number (the reveal is not offered, and `can_reveal_personal_data`
refuses them anyway, since the role reaches no roster).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dangjian.core import scoping
from dangjian.core.web import paginate
from dangjian.people.models import Member

from .. import permissions, selectors, services
from ..forms import AccountCreateForm
from ..models import ADMIN_ROLES, CredentialIssue, Role, User
from ..permissions import current_user


def _require_sysadmin(request: HttpRequest, page: str) -> None:
    if not permissions.is_sysadmin(current_user(request)):
        raise scoping.deny(request, User, {"page": page}, exists=True)


@login_required
def users(request: HttpRequest) -> HttpResponse:
    _require_sysadmin(request, "users")
    filters = selectors.AccountFilters.from_params(request.GET)
    page = paginate(request, selectors.accounts_for_list(current_user(request), filters), 50)
    accounts = list(page.object_list)
    roles = _roles_of(accounts)
    return render(
        request,
        "accounts/users.html",
        {
            "nav": "accounts",
            "page": page,
            "rows": [(a, roles.get(a.pk, [])) for a in accounts],
            "filters": filters,
            "role_choices": Role.choices,
        },
    )


def _roles_of(accounts: list[User]) -> dict[int, list[object]]:
    from ..models import RoleAssignment

    result: dict[int, list[object]] = {}
    for ra in RoleAssignment.objects.filter(user__in=accounts).select_related("org").order_by("org__path"):
        result.setdefault(ra.user_id, []).append(ra)
    return result


@never_cache
@login_required
def user_new(request: HttpRequest) -> HttpResponse:
    _require_sysadmin(request, "user_new")
    q = (request.GET.get("q") or "").strip()[:50]
    form = AccountCreateForm(request.POST or None)
    person = None
    if request.method == "POST":
        person = _chosen_person(request, request.POST.get("person"))
        if form.is_valid():
            if person is None:
                form.add_error(None, "请在名册中选择人员（只能选择您管理范围内的人员）。")
            else:
                try:
                    account, issue = services.account_create(
                        by=current_user(request),
                        person=person,
                        username=form.cleaned_data["username"],
                        display_name=form.cleaned_data["display_name"],
                    )
                except services.AccountError as e:
                    form.add_error(None, e.message)
                else:
                    return render(
                        request,
                        "accounts/credential_requested.html",
                        {"nav": "accounts", "account": account, "issue": issue, "created": True},
                    )
    elif request.GET.get("person"):
        person = _chosen_person(request, request.GET.get("person"))
    return render(
        request,
        "accounts/user_new.html",
        {
            "nav": "accounts",
            "form": form,
            "q": q,
            "candidates": selectors.roster_candidates(current_user(request), q) if q and person is None else [],
            "person": person,
        },
    )


def _chosen_person(request: HttpRequest, pk: str | None) -> Member | None:
    """The person picked from the roster; one outside the sysadmin's subtrees is a recorded 404."""
    if not pk:
        return None
    person = selectors.candidate_person(current_user(request), pk)
    if person is None:
        hidden = Member.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        raise scoping.deny(
            request, Member, {"pk": pk}, exists=hidden is not None, org=hidden.org_id if hidden else None
        )
    return person


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_sysadmin(request, "user_detail")
    account = selectors.account_for_sysadmin(request=request, pk=pk)
    assignments = list(account.roles.select_related("org").order_by("org__path", "role"))
    return render(
        request,
        "accounts/user_detail.html",
        {
            "nav": "accounts",
            "account": account,
            "assignments": assignments,
            "is_admin_account": any(a.role in ADMIN_ROLES for a in assignments),
            "pending_issue": account.credential_issues.filter(status=CredentialIssue.Status.PENDING).first(),
            "is_self": account.pk == request.user.pk,
        },
    )


@never_cache
@require_POST
@login_required
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    _require_sysadmin(request, "user_password_reset")
    account = selectors.account_for_sysadmin(request=request, pk=pk)
    try:
        issue = services.password_reset(by=current_user(request), account=account, request=request)
    except services.AccountError as e:
        messages.error(request, e.message)
        return redirect("accounts:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/credential_requested.html",
        {"nav": "accounts", "account": account, "issue": issue, "created": False},
    )


# --- the owner organization confirms a new or reset password ------------------------


@login_required
def credentials(request: HttpRequest) -> HttpResponse:
    """New accounts and resets waiting for this organization administrator (or committee staff)."""
    if permissions.is_administrator(current_user(request)) or not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, CredentialIssue, {"page": "credentials"}, exists=True)
    return render(
        request,
        "accounts/credentials.html",
        {"nav": "credentials", "issues": selectors.credentials_to_confirm(current_user(request))},
    )


@never_cache
@require_POST
@login_required
def credential_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    issue = selectors.credential_for_confirm(request=request, pk=pk)
    try:
        password = services.credential_confirm(by=current_user(request), issue=issue, request=request)
    except services.AccountError as e:
        messages.error(request, e.message)
        return redirect("accounts:credentials")
    return render(
        request,
        "accounts/password_issued.html",
        {
            "nav": "credentials",
            "account": issue.account,
            "password": password,
            "created": issue.kind == CredentialIssue.Kind.CREATED,
        },
    )


@require_POST
@login_required
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    _require_sysadmin(request, "user_set_active")
    account = selectors.account_for_sysadmin(request=request, pk=pk)
    wanted = request.POST.get("active")
    if wanted not in ("0", "1"):
        messages.error(request, "请选择启用或停用。")
        return redirect("accounts:user_detail", pk=account.pk)
    try:
        services.account_set_active(by=current_user(request), account=account, active=wanted == "1", request=request)
    except services.AccountError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"账号 {account.username} 已{'启用' if wanted == '1' else '停用'}。")
    return redirect("accounts:user_detail", pk=account.pk)
