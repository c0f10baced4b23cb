"""The permission matrix: what each named user gets from each route.

Each app lists its routes in `dangjian/<app>/tests/permission_rows.py` as
`ROWS = {url_name: row(...)}`, with an optional `prepare(case) -> dict` that
creates the records its paths name and returns the values to format them with.
`dangjian/core/tests/test_permission_matrix.py` enumerates every route of the
resolver and fails for a route without a row.

Expectations are keyed by user name; users a row does not name get `others`,
so adding a named user does not touch every row. The three administrators
(三员) hold no role in the party's work: a row that does not name them expects
of them what it expects of the outsider (an account without a domain role).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

# The named users of dangjian.core.testing.World, plus the anonymous visitor.
ADMINISTRATORS = ("sysadmin", "secadmin", "auditor")
USERS = ("anonymous", "outsider", "member", "staff", "admin_a", "admin_b", *ADMINISTRATORS)


@dataclass(frozen=True)
class Row:
    path: str  # formatted with the values of the apps' prepare(): {person_a}, {post_a} …
    method: str = "GET"
    expect: dict[str, int] = field(default_factory=dict)
    others: int = 404

    def expected(self, user: str) -> int:
        if user in self.expect:
            return self.expect[user]
        if user in ADMINISTRATORS:
            return self.expected("outsider")
        return self.others


def row(path: str, *, method: str = "GET", others: int = 404, **expect: int) -> Row:
    unknown = set(expect) - set(USERS)
    if unknown:
        raise ValueError(f"unknown users in a permission row: {sorted(unknown)}")
    return Row(path=path, method=method, expect=expect, others=others)


def page(path: str, *, method: str = "GET", login: int = 302, **expect: int) -> Row:
    """A page that needs a login: the anonymous visitor is sent to the login page."""
    return row(path, method=method, anonymous=login, **expect)


def api(path: str, *, method: str = "GET", **expect: int) -> Row:
    """An API route: the anonymous caller gets 401."""
    return row(path, method=method, anonymous=401, **expect)


# Common shapes.
class _StaffAndAdmins(TypedDict):
    staff: int
    admin_a: int
    admin_b: int


class _InA(TypedDict):
    staff: int
    admin_a: int


# Typed, so that spreading them into page()/api() cannot be read as a method= or login=.
STAFF_AND_ADMINS: _StaffAndAdmins = {"staff": 200, "admin_a": 200, "admin_b": 200}
IN_A: _InA = {"staff": 200, "admin_a": 200}  # about something in A's subtree
