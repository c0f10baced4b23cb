"""Every route, visited as every named user, answers what the matrix says.

The routes are enumerated from the URL resolver (pages and API alike); a route
added later without a row here fails `test_every_route_has_a_row`. Write
routes are exercised with POST and an empty form, so the permission check is
reached before any validation: those allowed get their form back with errors
(200) or a redirect, everyone else a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, World
from dangjian.people.models import Post, PostTitle

USERS = ("anonymous", "outsider", "member", "staff", "admin_a", "admin_b")


@dataclass(frozen=True)
class Row:
    path: str  # formatted with the world: {a01}, {person_a}, {post_a} …
    method: str
    expect: tuple[int, ...]  # in the order of USERS


def row(path: str, *expect: int, method: str = "GET") -> Row:
    assert len(expect) == len(USERS), path
    return Row(path, method, expect)


#            anonymous outsider member staff admin_a admin_b
PAGE_STAFF = (302, 404, 404, 200, 200, 200)  # a page for those who oversee organizations
ORG_A = (302, 404, 404, 200, 200, 404)  # a page about something in A's subtree
POST_A_REDIRECT = (302, 404, 404, 302, 302, 404)
API_STAFF = (401, 404, 404, 200, 200, 200)
API_A = (401, 404, 404, 200, 200, 404)

MATRIX: dict[str, Row] = {
    "core:home": row("/", 302, 200, 302, 302, 302, 302),
    "core:dashboard": row("/dashboard/", *PAGE_STAFF),
    "accounts:login": row("/accounts/login/", 200, 200, 200, 200, 200, 200),
    "accounts:logout": row("/accounts/logout/", 302, 302, 302, 302, 302, 302, method="POST"),
    "orgs:tree": row("/orgs/", *PAGE_STAFF),
    "orgs:compliance": row("/orgs/compliance/", *PAGE_STAFF),
    "orgs:compliance_export": row("/orgs/compliance/export.xlsx", *PAGE_STAFF),
    "orgs:export": row("/orgs/export.xlsx", *PAGE_STAFF),
    "orgs:affiliation_changes": row("/orgs/records/affiliation-changes/", *PAGE_STAFF),
    "orgs:elections": row("/orgs/records/elections/", *PAGE_STAFF),
    "orgs:overdue": row("/orgs/records/overdue/", *PAGE_STAFF),
    # Only committee staff import organizations; administrators import people.
    "orgs:import": row("/orgs/import/", 302, 404, 404, 200, 404, 404),
    "orgs:import_confirm": row("/orgs/import/confirm/", 302, 404, 404, 302, 404, 404, method="POST"),
    "orgs:import_template": row("/orgs/import/template.xlsx", 302, 404, 404, 200, 404, 404),
    "orgs:detail": row("/orgs/A01/", *ORG_A),
    "orgs:move": row("/orgs/A01/move/", *ORG_A, method="POST"),
    "orgs:election_record": row("/orgs/A01/elections/", *ORG_A, method="POST"),
    "orgs:term_extend": row("/orgs/A01/extensions/", *ORG_A, method="POST"),
    "people:list": row("/members/", *PAGE_STAFF),
    "people:export": row("/members/export.xlsx", *PAGE_STAFF),
    "people:new": row("/members/new/", *PAGE_STAFF),
    "people:full_time_deputies": row("/members/full-time-deputies/", *PAGE_STAFF),
    # The member may open their own record and reveal their own ID number, not edit it.
    "people:detail": row("/members/{person_a}/", 302, 404, 200, 200, 200, 404),
    "people:reveal": row("/members/{person_a}/reveal/", 302, 404, 200, 200, 200, 404, method="POST"),
    "people:edit": row("/members/{person_a}/edit/", *ORG_A),
    "people:transfer": row("/members/{person_a}/transfer/", *ORG_A),
    "people:post_new": row("/members/{person_a}/posts/new/", *ORG_A),
    "people:post_end": row("/members/{person_a}/posts/{post_a}/end/", *POST_A_REDIRECT, method="POST"),
    "people:import": row("/members/import/", *PAGE_STAFF),
    "people:import_confirm": row("/members/import/confirm/", 302, 404, 404, 302, 302, 302, method="POST"),
    "people:import_template": row("/members/import/template.xlsx", *PAGE_STAFF),
    "api-v1:openapi-json": row("/api/v1/openapi.json", 200, 200, 200, 200, 200, 200),
    "api-v1:openapi-view": row("/api/v1/docs", 200, 200, 200, 200, 200, 200),
    "api-v1:api-root": row("/api/v1/", 404, 404, 404, 404, 404, 404),
    "api-v1:stats": row("/api/v1/stats?org=A", *API_A),
    "api-v1:list_orgs": row("/api/v1/orgs", *API_STAFF),
    "api-v1:compliance_list": row("/api/v1/orgs/compliance", *API_STAFF),
    "api-v1:get_org": row("/api/v1/orgs/A01", *API_A),
    "api-v1:org_findings": row("/api/v1/orgs/A01/findings", *API_A),
    "api-v1:list_members": row("/api/v1/members", *API_STAFF),
    "api-v1:get_member": row("/api/v1/members/{person_a}", 401, 404, 200, 200, 200, 404),
}


def route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                names.add(f"{namespace}:{p.name}" if namespace else str(p.name))

    walk(get_resolver().url_patterns, None)
    return names


class PermissionMatrixTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.post_a = Post.objects.create(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.COMMITTEE_MEMBER, started_on="2024-01-01"
        )

    def fill(self, path: str) -> str:
        return path.format(person_a=self.w.person_a.pk, post_a=self.post_a.pk)

    def visit(self, user_name: str, r: Row) -> int:
        self.client.logout()
        if user_name != "anonymous":
            self.login_as(getattr(self.w, user_name))
        call = self.client.post if r.method == "POST" else self.client.get
        return call(self.fill(r.path)).status_code

    def test_every_route_has_a_row(self):
        missing = route_names() - set(MATRIX)
        self.assertEqual(missing, set(), "routes without a row in the permission matrix")
        self.assertEqual(set(MATRIX) - route_names(), set(), "rows for routes that no longer exist")

    def test_every_route_answers_each_user_as_the_matrix_says(self):
        wrong = []
        for name, r in MATRIX.items():
            for user_name, expected in zip(USERS, r.expect):
                # post_end ends the post: give each visitor a fresh one.
                if name == "people:post_end":
                    self.post_a.ended_on = None
                    self.post_a.save()
                got = self.visit(user_name, r)
                if got != expected:
                    wrong.append(f"{name} as {user_name}: expected {expected}, got {got}")
        self.assertEqual(wrong, [])

    def test_every_refusal_is_in_the_audit_trail(self):
        for name, r in MATRIX.items():
            for user_name, expected in zip(USERS, r.expect):
                if expected != 404 or name == "api-v1:api-root":
                    continue
                before = AuditEntry.objects.filter(event="denied").count()
                self.visit(user_name, r)
                after = AuditEntry.objects.filter(event="denied").count()
                self.assertEqual(after, before + 1, f"{name} as {user_name} left no 'denied' entry")
