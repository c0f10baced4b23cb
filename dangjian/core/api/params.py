"""Bounded parameters: record numbers and text (ApiOffset and ApiYear are in core.web.params)."""

from __future__ import annotations

from typing import Annotated

from ninja.params.functions import Path
from pydantic import Field

from dangjian.core.web.params import INT_MAX

# A record's number in the URL: `def get(request, pk: ApiId)`. Beyond 64 bits the
# database would overflow: a Chinese 422 instead (config/api.py).
ApiId = Annotated[int, Path(ge=1, le=INT_MAX, description="记录编号")]

# Text in the query or the URL: PostgreSQL refuses NUL characters in text (a DataError,
# a 500), and nothing the API looks up is longer than this. A Chinese 422 instead.
NO_NUL = r"^[^\x00]*$"
TEXT_MAX = 200
ApiText = Annotated[str, Field(max_length=TEXT_MAX, pattern=NO_NUL)]
ApiPathText = Annotated[str, Path(max_length=TEXT_MAX, pattern=NO_NUL)]
