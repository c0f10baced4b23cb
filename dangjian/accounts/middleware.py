"""What every logged-in request passes before it reaches a page.

1. Idle timeout: a session unused for longer than the policy's idle minutes is
   ended (and recorded); the session also expires on the server side then.
   However busy, a session ends SESSION_COOKIE_AGE (SESSION_MAX_HOURS) after its login.
   Activity is written to the session at most once a minute (ACTIVITY_STEP), so
   reading pages does not write: a session therefore ends after at most the
   policy's minutes of inactivity, and at the earliest one minute sooner.
2. Second factor: when the policy asks a one-time password of one of the
   user's roles and this session has not given one, only the code pages open
   (enrolment first if the user has no device yet).
3. Password: a generated password (new account, reset) or an expired one
   must be changed before anything else.

Pages of those steps, logout and static files stay reachable; API calls get a
JSON 403 instead of a redirect.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject, empty

from dangjian.core import audit

from . import policy
from .permissions import current_user

LAST_SEEN_KEY = "dangjian_last_seen"
LOGGED_IN_KEY = "dangjian_logged_in"
# Seconds between two writes of the last activity (SESSION_SAVE_EVERY_REQUEST is off).
ACTIVITY_STEP = 60


def mark_active(request: HttpRequest, now: float, idle_seconds: int) -> None:
    """Record activity: marks the session modified, so SessionMiddleware saves it and renews the cookie."""
    request.session[LAST_SEEN_KEY] = now
    started = float(request.session.setdefault(LOGGED_IN_KEY, now))
    left = int(started + settings.SESSION_COOKIE_AGE - now)  # never past the absolute limit
    request.session.set_expiry(max(1, min(idle_seconds, left)))


def _open_paths() -> tuple[str, ...]:
    return _open_paths_of(get_urlconf(), get_script_prefix())


@functools.cache
def _open_paths_of(urlconf: Any, prefix: str) -> tuple[str, ...]:
    """The pages a held session may still open (reversed once per URL configuration, not per request)."""
    return (
        reverse("accounts:logout"),
        reverse("accounts:login"),
        reverse("accounts:otp_verify"),
        reverse("accounts:otp_enrol"),
        reverse("accounts:password_change"),
    )


class SecurityGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith("/static/"):
            return self.get_response(request)
        if isinstance(user, SimpleLazyObject) and user._wrapped is not empty:
            # Loaded now (is_authenticated above): the page reads the user hundreds of times (menus,
            # permissions, templates), each through the lazy wrapper otherwise.
            request.user = user = user._wrapped
        rules = policy.current(request)

        now = time.time()
        last_seen = request.session.get(LAST_SEEN_KEY)
        idle = rules.idle_minutes * 60
        if last_seen is not None and now - float(last_seen) > idle:
            return self._end_idle_session(request, rules.idle_minutes)
        started = request.session.get(LOGGED_IN_KEY)
        if started is not None and now - float(started) > settings.SESSION_COOKIE_AGE:
            return self._end_long_session(request)
        if (
            last_seen is None
            or now - float(last_seen) >= ACTIVITY_STEP
            or float(request.session.get("_session_expiry") or 0) > idle  # the policy's minutes were shortened
        ):
            mark_active(request, now, idle)

        if request.path not in _open_paths():
            if policy.otp_required(user, rules) and not _verified(user):
                from .security import confirmed_device

                step = "accounts:otp_verify" if confirmed_device(user) else "accounts:otp_enrol"
                return self._hold(request, step, "您的角色要求使用动态口令，请先完成验证。")
            reason = policy.must_change_password(user, rules)
            if reason:
                message = (
                    "您正在使用系统生成的初始密码，请先设置自己的密码。"
                    if reason == "initial"
                    else f"您的密码已超过 {rules.password_max_age_days} 天未修改，请先修改密码。"
                )
                return self._hold(request, "accounts:password_change", message)
        return self.get_response(request)

    def _end_idle_session(self, request: HttpRequest, minutes: int) -> HttpResponse:
        user = current_user(request)
        audit.record(
            audit.Event.SESSION_EXPIRED, request=request, actor=user, target=user, data={"idle_minutes": minutes}
        )
        logout(request)
        messages.info(request, f"您已超过 {minutes} 分钟未操作，为保护账号安全已自动退出，请重新登录。")
        login_url = reverse("accounts:login")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            login_url += "?" + urlencode({"next": request.get_full_path()})
        return _redirect(request, login_url, status=401)

    def _end_long_session(self, request: HttpRequest) -> HttpResponse:
        user = current_user(request)
        hours = settings.SESSION_COOKIE_AGE // 3600
        audit.record(audit.Event.SESSION_EXPIRED, request=request, actor=user, target=user, data={"max_hours": hours})
        logout(request)
        messages.info(request, f"本次登录已超过 {hours} 小时，为保护账号安全已自动退出，请重新登录。")
        login_url = reverse("accounts:login")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            login_url += "?" + urlencode({"next": request.get_full_path()})
        return _redirect(request, login_url, status=401)

    def _hold(self, request: HttpRequest, step: str, message: str) -> HttpResponse:
        url = reverse(step)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url += "?" + urlencode({"next": request.get_full_path()})
        if not request.path.startswith("/api/"):
            messages.warning(request, message)
        return _redirect(request, url, status=403, message=message)


def _verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def _redirect(request: HttpRequest, url: str, *, status: int, message: str = "") -> HttpResponse:
    """A redirect for pages, a client-side redirect for htmx, a JSON refusal for the API."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message or "会话已失效，请重新登录。"}, status=status)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)
