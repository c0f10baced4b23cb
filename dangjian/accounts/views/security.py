"""The security administrator's pages: the policy, locked accounts, second-factor resets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import scoping

from .. import lockout, permissions, security
from ..forms import PolicyForm
from ..models import SecurityPolicy, User
from ..permissions import current_user
from ..services import AccountError


def _require_secadmin(request: HttpRequest, page: str) -> None:
    if not permissions.is_secadmin(current_user(request)):
        raise scoping.deny(request, SecurityPolicy, {"page": page}, exists=True)


@login_required
def security_policy(request: HttpRequest) -> HttpResponse:
    _require_secadmin(request, "security")
    current = SecurityPolicy.load()
    form = PolicyForm(request.POST or None, instance=SecurityPolicy.load())
    if request.method == "POST" and form.is_valid():
        try:
            security.policy_update(
                by=current_user(request),
                values={name: form.cleaned_data[name] for name in SecurityPolicy.FIELDS},
                request=request,
            )
        except AccountError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "安全策略已保存，立即生效。")
            return redirect("accounts:security")
    return render(
        request,
        "accounts/security.html",
        {
            "nav": "security",
            "form": form,
            "policy": current,
            "locked_count": sum(r.locked for r in lockout.failed_logins()),
        },
    )


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    _require_secadmin(request, "lockouts")
    return render(
        request,
        "accounts/lockouts.html",
        {"nav": "lockouts", "rows": lockout.failed_logins(), "policy": SecurityPolicy.load()},
    )


@require_POST
@login_required
def unlock(request: HttpRequest) -> HttpResponse:
    _require_secadmin(request, "unlock")
    try:
        security.account_unlock(by=current_user(request), username=request.POST.get("username") or "", request=request)
    except AccountError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"已解除 {request.POST.get('username')} 的登录锁定。")
    return redirect("accounts:lockouts")


@require_POST
@login_required
def otp_reset(request: HttpRequest) -> HttpResponse:
    _require_secadmin(request, "otp_reset")
    username = (request.POST.get("username") or "").strip()
    account = User.objects.filter(username=username).first() if username else None
    if account is None:
        messages.error(request, "请填写正确的用户名。" if username else "请填写要重置动态口令的用户名。")
        return redirect("accounts:lockouts")
    try:
        removed = security.otp_reset(by=current_user(request), account=account, request=request)
    except AccountError as e:
        messages.error(request, e.message)
    else:
        if removed:
            messages.success(request, f"已重置 {account.username} 的动态口令，其下次登录时需重新绑定。")
        else:
            messages.info(request, f"{account.username} 尚未绑定动态口令。")
    return redirect("accounts:lockouts")
