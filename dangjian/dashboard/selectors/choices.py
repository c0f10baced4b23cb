"""The subtree selector: the organizations a user may pick, and the way back up."""

from __future__ import annotations

from typing import Any

from django.db.models import Min

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization, OrgKind


def org_choices(user: Any, current: Organization | None) -> list[Organization]:
    """USER's highest organizations and those directly below them (no party groups), with CURRENT
    and its ancestors USER may see, in tree order: a short list even for a whole committee."""
    visible = scoping.visible_orgs(user).exclude(kind=OrgKind.GROUP)
    top = visible.aggregate(d=Min("depth"))["d"]
    if top is None:
        return []
    picked = visible.filter(depth__lte=top + 1)
    if current is not None:
        picked = picked | visible.filter(path__in=tree.ancestor_paths(current.path))
    return list(picked.distinct().order_by("path"))


def breadcrumb(user: Any, org: Organization) -> list[Organization]:
    """ORG's ancestors that USER may see, the highest first (ORG not included)."""
    paths = tree.ancestor_paths(org.path)[:-1]
    return list(scoping.visible_orgs(user).filter(path__in=paths).order_by("path"))
