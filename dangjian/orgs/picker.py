"""Choosing one organization among those a user sees: a plain list when they are few, a search box
when they are many (a committee sees 1,150: a select of that many is slow to render and to use).

`{% org_picker %}` (orgs_tags) draws it for a filter; `widgets.OrgPickerWidget` for a form's
organization field; `views.picker.org_pick` answers the search box as the user types;
static/js/dangjian.js puts the chosen organization's code (or, for a form field, its pk) into the form.

A form's picker offers the organizations of a `Scope` (whose roles, less which kinds, how deep), signed
into the page so that it cannot be widened; the field still checks the choice against its own queryset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet

from dangjian.core import scoping

from .models import Organization

# Up to this many organizations the picker is a select; more, a search box.
SELECT_MAX = 60
# The search box offers at most this many matches (the user types more to narrow them).
MATCH_LIMIT = 20


_SALT = "dangjian.orgs.picker.scope"


@dataclass(frozen=True)
class Scope:
    """Which of a user's organizations a picker offers: those in the subtrees where they hold one of
    ROLES (None: the roles that see organizations, scoping.SCOPE_ROLES), of KINDS only (when given),
    less EXCLUDE_KINDS, no deeper than MAX_DEPTH."""

    roles: tuple[str, ...] | None = None
    exclude_kinds: tuple[str, ...] = ()
    max_depth: int | None = None
    kinds: tuple[str, ...] = ()

    def visible(self, user: Any) -> QuerySet[Organization]:
        """Every organization under the scope's roles (the names of a match's trail)."""
        return scoping.visible_orgs(user) if self.roles is None else scoping.visible_orgs(user, self.roles)

    def orgs(self, user: Any) -> QuerySet[Organization]:
        qs = self.visible(user)
        if self.kinds:
            qs = qs.filter(kind__in=self.kinds)
        if self.exclude_kinds:
            qs = qs.exclude(kind__in=self.exclude_kinds)
        if self.max_depth is not None:
            qs = qs.filter(depth__lte=self.max_depth)
        return qs

    def token(self) -> str:
        """The scope, signed (the search box sends it back); '' for the default scope."""
        if self == Scope():
            return ""
        roles = list(self.roles) if self.roles is not None else None
        fields = [roles, list(self.exclude_kinds), self.max_depth, list(self.kinds)]
        return signing.dumps(fields, salt=_SALT, compress=True)

    @classmethod
    def from_token(cls, token: str) -> Scope | None:
        """The scope TOKEN names; None for a forged or mangled one."""
        if not token:
            return cls()
        try:
            roles, kinds_out, depth, kinds = signing.loads(token, salt=_SALT)
            return cls(
                roles=tuple(str(r) for r in roles) if roles is not None else None,
                exclude_kinds=tuple(str(k) for k in kinds_out),
                max_depth=int(depth) if depth is not None else None,
                kinds=tuple(str(k) for k in kinds),
            )
        except (signing.BadSignature, ValueError, TypeError):
            return None


@dataclass(frozen=True)
class Match:
    pk: int
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


def fits_a_select(queryset: QuerySet[Organization]) -> bool:
    """Whether QUERYSET has few enough organizations (SELECT_MAX) for a plain select."""
    return len(queryset.values_list("pk", flat=True)[: SELECT_MAX + 1]) <= SELECT_MAX


def matches(user: Any, q: str, limit: int | None = None, scope: Scope | None = None) -> list[Match]:
    """The organizations of SCOPE (default: all USER sees) whose name contains Q or whose code
    starts with it, the higher ones first (at most LIMIT, MATCH_LIMIT), each with the names of its
    ancestors within USER's sight."""
    limit = MATCH_LIMIT if limit is None else limit
    scope = scope or Scope()
    q = q.strip()[:50]
    if not q:
        return []
    found = list(
        scope.orgs(user)
        .filter(Q(name__icontains=q) | Q(code__istartswith=q))
        .order_by("depth", "path")
        .only("pk", "code", "name", "path", "depth")[:limit]
    )
    ancestors = {p for o in found for p in _ancestor_paths(o)}
    visible = scope.visible(user)
    names = dict(visible.filter(path__in=ancestors).values_list("path", "name")) if ancestors else {}
    return [Match(o.pk, o.code, o.name, " › ".join(names[p] for p in _ancestor_paths(o) if p in names)) for o in found]


def _ancestor_paths(org: Organization) -> list[str]:
    step = Organization.steplen
    return [org.path[:i] for i in range(step, len(org.path), step)]
