"""What every app's API shares (the Chinese error answer, `answers`, enum query parameters),
and the kernel's own route, /api/v1/stats."""

from .errors import ApiError, ApiErrorItem, answers, choice_schema
from .params import ApiId, ApiPathText, ApiText
from .stats import router

__all__ = ["ApiError", "ApiErrorItem", "ApiId", "ApiPathText", "ApiText", "answers", "choice_schema", "router"]
