"""Who holds which role where (scoped to the viewer's subtrees), and granting and revoking roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dangjian.core import scoping
from dangjian.core.web import paginate
from dangjian.orgs.models import Organization

from .. import permissions, selectors, services
from ..forms import RoleGrantForm
from ..models import ADMIN_ROLES, Role, RoleAssignment, User
from ..permissions import current_user


def _require_granter(request: HttpRequest, page: str) -> None:
    if not permissions.granting_paths(current_user(request)):
        raise scoping.deny(request, RoleAssignment, {"page": page}, exists=True)


def grant_form(user: Any, data: Any = None) -> RoleGrantForm:
    """The grant form: the roles USER may grant, among the organizations where they may grant some."""
    return RoleGrantForm(
        data,
        roles=permissions.grantable_roles(user),
        orgs=selectors.granting_orgs(user),
        granting_roles=permissions.granting_roles(),
    )


def filter_org_choices(user: Any) -> list[tuple[str, str]]:
    """The list filter's organizations (those where USER may grant), indented."""
    return [(o.code, f"{'　' * (o.depth - 1)}{o.name}（{o.code}）") for o in selectors.granting_orgs(user)]


def _back(request: HttpRequest) -> str:
    target = request.POST.get("back") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "accounts:roles"


def _render_roles(request: HttpRequest, form: RoleGrantForm | None = None, status: int = 200) -> HttpResponse:
    filters = selectors.RoleFilters.from_params(request.GET)
    rows = selectors.assignments_for_list(current_user(request), filters)
    page = paginate(request, rows, 100)
    me = request.user
    return render(
        request,
        "accounts/roles.html",
        {
            "nav": "roles",
            "page": page,
            "rows": [
                (
                    ra,
                    ra.user_id != me.pk
                    and ra.role not in ADMIN_ROLES
                    and permissions.can_grant(me, ra.role, ra.org.path),
                )
                for ra in page.object_list
            ],
            "filters": filters,
            "form": form or grant_form(current_user(request)),
            "chosen_account": _chosen_account(request, form) if form is not None else None,
            "role_choices": Role.choices,
            "org_choices": filter_org_choices(current_user(request)),
        },
        status=status,
    )


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    _require_granter(request, "roles")
    return _render_roles(request)


@login_required
def role_grant_accounts(request: HttpRequest) -> HttpResponse:
    """The grant form's account picker (htmx): accounts the granter may reach, found by name as one types."""
    _require_granter(request, "role_grant_accounts")
    q = (request.GET.get("q") or "").strip()[:50]
    return render(
        request,
        "accounts/_account_options.html",
        {"q": q, "accounts": selectors.grantable_account_matches(current_user(request), q), "chosen": ""},
    )


def _chosen_account(request: HttpRequest, form: RoleGrantForm) -> User | None:
    """The account picked in a re-shown form, so that it stays picked (only one the granter may reach)."""
    username = (form.data.get("username") or "").strip() if form.is_bound else ""
    if not username:
        return None
    return selectors.grantable_accounts(current_user(request)).filter(username=username).first()


@require_POST
@login_required
def role_grant(request: HttpRequest) -> HttpResponse:
    _require_granter(request, "role_grant")
    form = grant_form(current_user(request), request.POST)
    roles = dict(permissions.grantable_roles(current_user(request)))
    _refuse_escalation(request, roles, selectors.granting_orgs(current_user(request)))
    if not form.is_valid():
        return _render_roles(request, form)
    username = form.cleaned_data["username"].strip()
    account = selectors.grantable_accounts(current_user(request)).filter(username=username).first()
    if account is None:
        if User.objects.filter(username=username).exists():
            # An account outside the granter's subtrees: refused like any out-of-scope record.
            raise scoping.deny(request, User, {"username": username}, exists=True)
        form.add_error("username", f"没有用户名为“{username}”的账号。")
        return _render_roles(request, form)
    org = form.cleaned_data["org"]
    try:
        services.role_grant(by=current_user(request), user=account, role=form.cleaned_data["role"], org=org)
    except services.AccountError as e:
        form.add_error(None, e.message)
        return _render_roles(request, form)
    messages.success(request, f"已授予 {account} 在“{org.name}”的“{roles[form.cleaned_data['role']]}”角色。")
    return redirect(_back(request))


def _refuse_escalation(request: HttpRequest, roles: dict[str, str], orgs: QuerySet[Organization]) -> None:
    """A role the granter may not grant, or an organization outside their subtrees: a recorded 404.

    These are not typing mistakes (the form offers neither): they are attempts to
    reach above or outside what the granter holds, and the audit trail keeps them.
    """
    role, org_code = request.POST.get("role") or "", request.POST.get("org") or ""
    if role and role not in roles:
        raise scoping.deny(request, RoleAssignment, {"role": role, "org": org_code}, exists=True)
    if org_code and not orgs.filter(code=org_code).exists():
        org = Organization.objects.filter(code=org_code).first()
        raise scoping.deny(
            request, Organization, {"code": org_code}, exists=org is not None, org=org.pk if org else None
        )


@require_POST
@login_required
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_granter(request, "role_revoke")
    assignment = selectors.assignment_for_change(request=request, pk=pk)
    try:
        services.role_revoke(by=current_user(request), assignment=assignment)
    except services.AccountError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request, f"已撤销 {assignment.user} 在“{assignment.org.name}”的“{assignment.get_role_display()}”角色。"
        )
    return redirect(_back(request))
