"""Typed requests: the annotation of every view behind a login.

    def home(request: AuthedRequest) -> HttpResponse: ...

A view decorated with login_required (or reached only through the login
middleware) gets a request whose user is an account, never AnonymousUser;
declaring it here lets the type checker see `request.user.person_id`.
"""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
