"""/api/v1/study: sessions, classes (with self sign-up and QR sign-in), meetings, the compliance
calendar, a person's own record and observer tasks.

Scoped like the pages: lists are for committee staff and organization
administrators (a recorded 404 for anyone else); a member reaches their own
record, the classes open to them, and signs up and in for themselves.
"""

from . import central_group, me, org_life, training  # noqa: F401  (each adds its routes to the router)
from .common import router

__all__ = ["router"]
