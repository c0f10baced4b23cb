"""Logging in and each user's own security steps: password change, one-time-password enrolment and check."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .. import policy, security
from ..forms import LoginForm, PasswordChangeForm, TokenForm
from ..permissions import current_user
from ..services import AccountError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm  # a username, or an activated member's ID number

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["lockout_failures"] = policy.current(self.request).lockout_failures
        return context


def _next_url(request: HttpRequest, default: str = "core:home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    rules = policy.current(request)
    form = PasswordChangeForm(current_user(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        security.password_change(
            request=request, user=current_user(request), new_password=form.cleaned_data["new_password1"]
        )
        messages.success(request, "密码已修改。")
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/password_change.html",
        {
            "form": form,
            "policy": rules,
            "reason": policy.must_change_password(current_user(request), rules),
            "expires_at": policy.password_expires_at(current_user(request), rules),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


def _qr_svg(url: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here (no image service, no CDN)."""
    return segno.make(url, error="m").svg_inline(border=2, omitsize=True, dark="#212529", light="#ffffff")


@never_cache
@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    has_device = security.confirmed_device(current_user(request)) is not None
    if has_device and not _verified(current_user(request)):
        # A new phone replaces the old one only after the old one has been shown;
        # otherwise the password alone would be enough to enrol an attacker's phone.
        return redirect("accounts:otp_verify")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            security.otp_confirm(request=request, user=current_user(request), token=form.cleaned_data["token"])
        except AccountError as e:
            form.add_error("token", e.message)
        else:
            messages.success(request, "动态口令已绑定。今后登录时请输入手机上显示的动态口令。")
            return redirect(_next_url(request))
    device = security.otp_enrolment_device(user=current_user(request))
    secret = _base32(device.bin_key)
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "has_device": has_device,
            "required": policy.otp_required(current_user(request), policy.current(request)),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


def _verified(user: object) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def _base32(key: bytes) -> str:
    return base64.b32encode(key).decode().rstrip("=")


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if security.confirmed_device(current_user(request)) is None:
        return redirect("accounts:otp_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if security.otp_verify(request=request, user=current_user(request), token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", "动态口令不正确或已使用过，请输入手机上当前显示的 6 位数字。")
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )
