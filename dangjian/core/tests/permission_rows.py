from typing import TypedDict

from dangjian.core import audit
from dangjian.core.permission_matrix import STAFF_AND_ADMINS, api, page, row
from dangjian.orgs.models import Organization


class _All(TypedDict):
    anonymous: int
    outsider: int
    member: int
    staff: int
    admin_a: int
    admin_b: int


class _Administrators(TypedDict):
    sysadmin: int
    secadmin: int
    auditor: int


ALL: _All = {"anonymous": 200, "outsider": 200, "member": 200, "staff": 200, "admin_a": 200, "admin_b": 200}
# 三员 go from the home page to their own workspace.
TO_WORKSPACE: _Administrators = {"sysadmin": 302, "secadmin": 302, "auditor": 302}


def prepare(case) -> dict[str, int]:
    entry = audit.record(audit.Event.EXPORT, target=Organization, object_pk="", org=case.w.org_a, data={})
    return {"audit_entry": entry.pk}


ROWS = {
    "core:home": page("/", outsider=200, member=302, staff=302, admin_a=302, admin_b=302, **TO_WORKSPACE),
    "core:dashboard": page("/dashboard/", **STAFF_AND_ADMINS),
    "accounts:login": row("/accounts/login/", **ALL),
    "accounts:logout": row("/accounts/logout/", method="POST", others=302),
    "api-v1:openapi-json": row("/api/v1/openapi.json", **ALL),
    "api-v1:openapi-view": row("/api/v1/docs", **ALL),
    "api-v1:api-root": row("/api/v1/"),
    "api-v1:stats": api("/api/v1/stats?org=A", staff=200, admin_a=200),
    # The audit trail: the auditor alone reads and exports it (not even the system administrator).
    "audit:list": page("/audit/", auditor=200),
    "audit:export": page("/audit/export.xlsx", auditor=200),
    "audit:detail": page("/audit/{audit_entry}/", auditor=200),
}
