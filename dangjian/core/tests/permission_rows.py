from dangjian.core.permission_matrix import STAFF_AND_ADMINS, api, page, row

ALL = dict(anonymous=200, outsider=200, member=200, staff=200, admin_a=200, admin_b=200)

ROWS = {
    "core:home": page("/", outsider=200, member=302, staff=302, admin_a=302, admin_b=302),
    "core:dashboard": page("/dashboard/", **STAFF_AND_ADMINS),
    "accounts:login": row("/accounts/login/", **ALL),
    "accounts:logout": row("/accounts/logout/", method="POST", others=302),
    "api-v1:openapi-json": row("/api/v1/openapi.json", **ALL),
    "api-v1:openapi-view": row("/api/v1/docs", **ALL),
    "api-v1:api-root": row("/api/v1/"),
    "api-v1:stats": api("/api/v1/stats?org=A", staff=200, admin_a=200),
}
