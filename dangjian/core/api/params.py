"""Bounded path parameters (the query ones, ApiOffset and ApiYear, live in core.web.params)."""

from __future__ import annotations

from typing import Annotated

from ninja.params.functions import Path

from dangjian.core.web.params import INT_MAX

# A record's number in the URL: `def get(request, pk: ApiId)`. Beyond 64 bits the
# database would overflow: a Chinese 422 instead (config/api.py).
ApiId = Annotated[int, Path(ge=1, le=INT_MAX, description="记录编号")]
