"""Display links: those a user may manage, the one a signed token names, those of a year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db.models import QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..conf import DashboardSettings
from ..models import ScreenLink
from ..permissions import STAFF

SALT = "dangjian.dashboard.screen"


def visible_links(user: Any, roles: tuple[str, ...] = STAFF) -> QuerySet[ScreenLink]:
    """The display links of the subtrees where USER holds one of ROLES (committee staff by default)."""
    return scoping.scoped_by_org(user, ScreenLink.objects.select_related("org", "created_by"), roles=roles)


def sign(key: str) -> str:
    return signing.dumps({"k": key}, salt=SALT)


def link_for_token(token: str) -> ScreenLink | None:
    """The link TOKEN names, whatever its state; None when the signature is forged or older than
    the longest a link may live (DashboardSettings.screen_link_max_days)."""
    max_age = dt.timedelta(days=DashboardSettings.current().screen_link_max_days)
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    key = payload.get("k") if isinstance(payload, dict) else None
    if not isinstance(key, str):
        return None
    return ScreenLink.objects.select_related("org").filter(key=key).first()


def links_in(org: Organization, year: int) -> QuerySet[ScreenLink]:
    """screens.links: the display links made in YEAR for organizations of ORG's subtree."""
    return scoping.in_subtree(ScreenLink.objects.all(), org).filter(created_at__year=year)
