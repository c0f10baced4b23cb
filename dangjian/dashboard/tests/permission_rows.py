"""Every dashboard route as each named user sees it (see dangjian.core.permission_matrix).

prepare() makes one display link of the committee. The charts page, its exports and the
API are for committee staff and organization administrators (each their own subtree);
display links are made and revoked by committee staff only; the display itself answers
anyone holding its address (no login), so every user gets 200 (`others`).
"""

from __future__ import annotations

from typing import Any

from dangjian.core.permission_matrix import STAFF_AND_ADMINS, api, page, row
from dangjian.dashboard import services
from dangjian.dashboard.models import LinkStatus, ScreenLink


def prepare(case: Any) -> dict[str, object]:
    link = services.screen_link_create(org=case.w.committee, name="会议室大屏", days=30, by=case.w.staff)

    def reactivate() -> None:
        ScreenLink.objects.filter(pk=link.pk).update(status=LinkStatus.ACTIVE, revoked_at=None)

    case.before_each["dashboard:screen_revoke"] = reactivate
    return {"d_link": link.pk, "d_token": link.token}


ROWS = {
    "dashboard:board": page("/charts/", **STAFF_AND_ADMINS),
    "dashboard:export": page("/charts/export/?chart=trend&line=study", **STAFF_AND_ADMINS),
    "dashboard:screens": page("/charts/screens/", staff=200),
    "dashboard:screen_revoke": page("/charts/screens/{d_link}/revoke/", method="POST", staff=302),
    "dashboard:screen": row("/charts/screen/{d_token}/", anonymous=200, others=200),
    "dashboard:screen_data": row("/charts/screen/{d_token}/data/", anonymous=200, others=200),
    "api-v1:dashboard": api("/api/v1/dashboard", **STAFF_AND_ADMINS),
}
