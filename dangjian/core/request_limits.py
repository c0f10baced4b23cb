"""A request body larger than `MAX_REQUEST_BYTES` is refused before any of it is read (issue 10 §3);
so is a page address carrying a NUL character, which no page means and PostgreSQL cannot store or
compare (the API refuses it per parameter with its 422: core/tests/test_api_bounds.py).

Django caps form fields (`DATA_UPLOAD_MAX_MEMORY_SIZE`) but not uploaded files:
without this, a multi-gigabyte POST to any address, even from someone not logged in,
is streamed into temporary files (the CSRF check reads the form first) before a
view can look at the file's size. Each upload still has its own, smaller cap.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

MB = 1024 * 1024


def max_request_bytes() -> int:
    return int(getattr(settings, "MAX_REQUEST_BYTES", 64 * MB))


NUL_MESSAGE = "地址中含有无效字符（空字符），请检查链接或搜索内容后重试。"


def _has_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path or "%00" in query or "\x00" in query or any("\x00" in v for v in request.GET.values())


def _refuse(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(
        f'<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>{title}</title>'
        f'<p>{message}</p><p><a href="/">返回首页</a></p></html>',
        status=status,
        content_type="text/html; charset=utf-8",
    )


def too_large_message(limit: int) -> str:
    return f"提交的内容过大（超过 {limit // MB} MB），未保存任何内容。请压缩或拆分文件后重新上传。"


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if limit and length > limit:
            return _refuse(request, 413, "内容过大", too_large_message(limit))
        if _has_nul(request) and not request.path.startswith("/api/"):  # the API answers its own 422
            return _refuse(request, 400, "地址无效", NUL_MESSAGE)
        return self.get_response(request)
