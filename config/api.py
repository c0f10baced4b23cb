"""The versioned JSON API (/api/v1/). Each app's manifest names the router it contributes."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from dangjian.accounts.api_auth import api_auth
from dangjian.core.manifests import load_object, manifests
from dangjian.core.scoping import NOT_FOUND_MESSAGE
from dangjian.core.web.params import BadParameter, api_validation_message, api_validation_sentence


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


class NotJson(ValueError):
    """A body that is not JSON, sent with a media type other than JSON."""


class JsonParser(Parser):
    """Ninja's JSON parser, telling a malformed JSON body (400) from a body in another media type (415)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            return super().parse_body(request)
        except ValueError as e:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
            media_type = (request.content_type or "").lower()
            if media_type != "application/json" and not media_type.endswith("+json"):
                raise NotJson(media_type) from e
            raise


class Api(NinjaAPI):
    def _get_urls(self) -> list[URLPattern | URLResolver]:
        return [self._method_not_allowed_in_chinese(p) for p in super()._get_urls()]

    def _method_not_allowed_in_chinese(self, pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
        """Ninja answers a wrong method in plain text ("Method not allowed"): the API's JSON in Chinese instead."""
        if not isinstance(pattern, URLPattern):
            return pattern
        view = pattern.callback

        @wraps(view)
        def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                shown = "、".join(sorted(m.strip() for m in allowed.split(",") if m.strip()))
                detail = f"此地址不接受 {request.method} 请求（可用的方法：{shown}）。"
                response = self.create_response(request, {"detail": detail}, status=405)
                response["Allow"] = allowed
            return response

        pattern.callback = answer
        return pattern


api = Api(
    title="机关党建工作平台 API",
    version="1",
    description="按用户可见的组织范围返回数据。认证：会话 Cookie，或 `Authorization: Bearer <令牌>`。",
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url="/docs",
    docs_decorator=_docs_behind_login,
    parser=JsonParser(),
)
for manifest in manifests():
    for prefix, router in manifest.api:
        api.add_router(prefix, load_object(router))


# Every refusal answers dangjian.core.api.ApiError: {"detail": "<一句中文>"} (see that module).
NOT_LOGGED_IN = "请先登录，或在 Authorization 中提供有效的访问令牌。"
CSRF_FAILED = "请求缺少有效的 CSRF 令牌：请刷新页面后重试，或改用访问令牌。"
BAD_JSON = "请求体不是有效的 JSON，请检查括号、引号和逗号。"
NOT_JSON = "请求体应为 JSON，并以 Content-Type: application/json 发送。"


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_LOGGED_IN}, status=401)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja's own refusals are in English (a failed CSRF check, a body it cannot parse); ours are Chinese already.
    status, detail = exc.status_code, exc.message
    if status == 403 and "CSRF" in detail:
        detail = CSRF_FAILED
    elif status == 400 and detail.startswith("Cannot parse request body"):
        status, detail = (415, NOT_JSON) if isinstance(exc.__cause__, NotJson) else (400, BAD_JSON)
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND_MESSAGE}, status=404)


@api.exception_handler(BadParameter)
def bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with a Chinese sentence in `detail`; pydantic's entries under `errors`, each `msg` in Chinese too."""
    errors = [
        {"type": e.get("type", ""), "loc": e.get("loc", []), "msg": api_validation_sentence(e)} for e in exc.errors
    ]
    return api.create_response(request, {"detail": api_validation_message(exc.errors), "errors": errors}, status=422)
