"""The versioned JSON API (/api/v1/). Each app's manifest names the router it contributes."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from dangjian.accounts.api_auth import api_auth
from dangjian.core.manifests import load_object, manifests
from dangjian.core.web.params import BadParameter, api_validation_message

api = NinjaAPI(
    title="机关党建工作平台 API",
    version="1",
    description="按用户可见的组织范围返回数据。认证：会话 Cookie，或 `Authorization: Bearer <令牌>`。",
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url="/docs",
)
for manifest in manifests():
    for prefix, router in manifest.api:
        api.add_router(prefix, load_object(router))


@api.exception_handler(BadParameter)
def bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with a Chinese sentence in `detail`; pydantic's entries stay under `errors`."""
    errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in exc.errors]
    return api.create_response(request, {"detail": api_validation_message(exc.errors), "errors": errors}, status=422)
