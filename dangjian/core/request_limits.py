"""A request body larger than `MAX_REQUEST_BYTES` is refused before any of it is read (issue 10 §3).

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
            message = too_large_message(limit)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(
                f'<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>内容过大</title>'
                f'<p>{message}</p><p><a href="/">返回首页</a></p></html>',
                status=413,
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
