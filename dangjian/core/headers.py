"""Security headers Django does not set itself (CSP comes from django-csp).

- Permissions-Policy: no camera, microphone, location … for any page.
- Cache-Control: pages shown to a logged-in user hold personal data; browsers
  and proxies must not keep them (a shared office computer's back button).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False) and "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] += ", private"
        return response
