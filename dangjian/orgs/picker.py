"""Choosing one organization among those a user sees: a plain list when they are few, a search box
when they are many (a committee sees 1,150: a select of that many is slow to render and to use).

`{% org_picker %}` (orgs_tags) draws it; `views.picker.org_pick` answers the search box as the
user types; static/js/dangjian.js puts the chosen code into the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from dangjian.core import scoping

from .models import Organization

# Up to this many organizations the picker is a select; more, a search box.
SELECT_MAX = 60
# The search box offers at most this many matches (the user types more to narrow them).
MATCH_LIMIT = 20


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    trail: str  # the names above it, from the user's top: 市直属机关工委 › 市财政局机关党委


def choices(user: Any, limit: int | None = None) -> list[tuple[str, str]] | None:
    """(code, name indented by depth) of every organization USER sees, in tree order; None when
    there are more than LIMIT (SELECT_MAX: the picker is then a search box)."""
    limit = SELECT_MAX if limit is None else limit
    rows = list(scoping.visible_orgs(user).order_by("path").values_list("code", "name", "depth")[: limit + 1])
    if len(rows) > limit:
        return None
    top = min((depth for _, _, depth in rows), default=1)
    return [(code, "\u3000" * (depth - top) + name) for code, name, depth in rows]


def label_of(user: Any, code: str) -> str:
    """The name of the organization CODE if USER sees it, else ''."""
    if not code:
        return ""
    return scoping.visible_orgs(user).filter(code=code).values_list("name", flat=True).first() or ""


def matches(user: Any, q: str, limit: int | None = None) -> list[Match]:
    """The organizations USER sees whose name contains Q or whose code starts with it, the
    higher ones first (at most LIMIT, MATCH_LIMIT), each with the names of its ancestors within
    USER's sight."""
    limit = MATCH_LIMIT if limit is None else limit
    q = q.strip()[:50]
    if not q:
        return []
    visible = scoping.visible_orgs(user)
    found = list(
        visible.filter(Q(name__icontains=q) | Q(code__istartswith=q))
        .order_by("depth", "path")
        .only("code", "name", "path", "depth")[:limit]
    )
    ancestors = {p for o in found for p in _ancestor_paths(o)}
    names = dict(visible.filter(path__in=ancestors).values_list("path", "name")) if ancestors else {}
    return [Match(o.code, o.name, " › ".join(names[p] for p in _ancestor_paths(o) if p in names)) for o in found]


def _ancestor_paths(org: Organization) -> list[str]:
    step = Organization.steplen
    return [org.path[:i] for i in range(step, len(org.path), step)]
