"""auditlog's middleware, taking the client's address the way `core.audit` does.

auditlog believes the first X-Forwarded-For entry, which any client can write;
`audit.client_address` believes only the entries our own proxies appended
(settings.TRUSTED_PROXY_COUNT). One rule for every entry of the trail, and for
the lockout's addresses too.
"""

from __future__ import annotations

from typing import Any

from auditlog.middleware import AuditlogMiddleware

from . import audit


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: Any) -> str | None:
        return audit.client_address(request)
