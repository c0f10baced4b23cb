"""The versioned JSON API (/api/v1/). Each app's manifest names the router it contributes."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from dangjian.accounts.api_auth import api_auth
from dangjian.core.manifests import load_object, manifests
from dangjian.core.scoping import NOT_FOUND_MESSAGE
from dangjian.core.web.params import BadParameter, api_validation_message


def docs_require_login() -> bool:
    """settings.API_DOCS_REQUIRE_LOGIN, on by default in production (DANGJIAN_ENV=production, DEBUG off)."""
    configured = getattr(settings, "API_DOCS_REQUIRE_LOGIN", None)
    if configured is not None:
        return bool(configured)
    return getattr(settings, "ENVIRONMENT", "") == "production"


def _docs_behind_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the docs page: for logged-in users only where docs_require_login() says so."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if docs_require_login() and not request.user.is_authenticated:
            if request.path.endswith(".json"):
                return JsonResponse({"detail": "请先登录。"}, status=401)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded


api = NinjaAPI(
    title="机关党建工作平台 API",
    version="1",
    description="按用户可见的组织范围返回数据。认证：会话 Cookie，或 `Authorization: Bearer <令牌>`。",
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url="/docs",
    docs_decorator=_docs_behind_login,
)
for manifest in manifests():
    for prefix, router in manifest.api:
        api.add_router(prefix, load_object(router))


# Every refusal answers dangjian.core.api.ApiError: {"detail": "<一句中文>"} (see that module).
NOT_LOGGED_IN = "请先登录，或在 Authorization 中提供有效的访问令牌。"
CSRF_FAILED = "请求缺少有效的 CSRF 令牌：请刷新页面后重试，或改用访问令牌。"


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_LOGGED_IN}, status=401)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja's own CSRF refusal is the one English message left; ours are Chinese already.
    detail = CSRF_FAILED if exc.status_code == 403 and "CSRF" in exc.message else exc.message
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND_MESSAGE}, status=404)


@api.exception_handler(BadParameter)
def bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with a Chinese sentence in `detail`; pydantic's entries stay under `errors`."""
    errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in exc.errors]
    return api.create_response(request, {"detail": api_validation_message(exc.errors), "errors": errors}, status=422)
