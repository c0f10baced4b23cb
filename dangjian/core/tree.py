"""The organization tree's paths: the one module that knows how they are built.

Organizations are stored as a materialized-path tree (django-treebeard's
MP_Node): each node's `path` is its parent's path plus one step of
`STEP` characters from `ALPHABET`, so a subtree is every path that starts with
its root's path. Every filter on "this organization and everything below it"
is built here, and nowhere else.

A subtree filter is written as a range, `root <= path < upper(root)`, not as
`LIKE 'root%'`: both SQLite and PostgreSQL serve a range from the path's plain
index (SQLite's LIKE is case-insensitive and never uses it; PostgreSQL's needs
a pattern-ops index), and the cost stays the same however many other
committees share the table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

# treebeard's defaults for Organization (steplen = 4, alphabet 0-9A-Z).
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NEXT = {a: b for a, b in zip(ALPHABET, ALPHABET[1:], strict=False)}


def upper_bound(path: str) -> str | None:
    """The smallest path greater than every path that starts with PATH (None: no such path).

    Only characters of ALPHABET are used, so the bound sorts the same way under
    byte order (SQLite, PostgreSQL's C collation) and under locale collations,
    which order digits before capital letters too.
    """
    while path:
        last = path[-1]
        if last in _NEXT:
            return path[:-1] + _NEXT[last]
        path = path[:-1]  # the last character is the alphabet's last: carry
    return None


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """The paths not inside another path of PATHS (the roots of the subtrees they cover), sorted."""
    roots: list[str] = []
    for p in sorted(set(paths)):
        if not roots or not p.startswith(roots[-1]):
            roots.append(p)
    return roots


def subtree_q(paths: Iterable[str], field: str = "path") -> Q:
    """Rows whose FIELD (a path, e.g. "path" or "org__path") lies in the subtree of any of PATHS.

    No paths: a condition nothing matches (never "everything").
    """
    q = Q(pk__in=[])
    for root in minimal_paths(paths):
        upper = upper_bound(root)
        part = Q(**{f"{field}__gte": root})
        if upper is not None:
            part &= Q(**{f"{field}__lt": upper})
        q |= part
    return q


def outside_subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose FIELD is not in PATH's subtree (the negation of subtree_q([PATH]))."""
    return ~subtree_q([path], field)


def covering_q(paths: Iterable[str], field: str = "path", *, most: int = 8) -> Q:
    """A superset of subtree_q(PATHS) with at most MOST ranges: beyond that, roots collapse to their
    common ancestor. For bulk loads whose caller picks its rows out of the result afterwards."""
    roots = minimal_paths(paths)
    if len(roots) > most:
        common = roots[0]
        for p in roots[1:]:
            while not p.startswith(common):
                common = common[:-STEP]
        roots = [common] if common else []
        if not roots:
            return Q()
    return subtree_q(roots, field)


def is_within(path: str, roots: Iterable[str]) -> bool:
    """Whether PATH lies in the subtree of one of ROOTS (itself included)."""
    return any(path.startswith(r) for r in roots)


def ancestor_paths(path: str) -> list[str]:
    """PATH and the paths of all its ancestors, shortest (the root) first."""
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


def ancestors_of_all(paths: Iterable[str]) -> list[str]:
    """Every path of PATHS and of their ancestors, sorted (the committees above a set of scopes)."""
    found: set[str] = set()
    for p in paths:
        found.update(ancestor_paths(p))
    return sorted(found)


def parent_path(path: str) -> str:
    """The parent's path ("" for a root)."""
    return path[:-STEP]


def depth_of(path: str) -> int:
    return len(path) // STEP


def child_q(path: str, field: str = "path", *, depth_field: str = "depth") -> Q:
    """The children of the node at PATH (one level down)."""
    return subtree_q([path], field) & Q(**{depth_field: depth_of(path) + 1})
