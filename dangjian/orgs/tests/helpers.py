"""Shared set-up for the organization tests: people in bulk, posts, elections."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, MemberFactory, make_org
from dangjian.orgs import compliance
from dangjian.orgs.models import Election, Organization, OrgKind, TermExtension
from dangjian.people.models import Member, Post, PostTitle, Status

TODAY = dt.date(2025, 6, 30)


def add_people(org: Organization, n: int, status: str = Status.FULL) -> None:
    """N people in ORG, in one insert (the checks only count them)."""
    Member.objects.bulk_create([MemberFactory.build(org=org, status=status) for _ in range(n)])


def give_post(
    org: Organization, title: str = PostTitle.SECRETARY, *, name: str = "王书记", started_on=dt.date(2023, 1, 1)
):
    person = MemberFactory.create(name=name, org=org)
    return Post.objects.create(member=person, org=org, title=title, started_on=started_on)


def elect(org: Organization, held_on: dt.date, **fields) -> Election:
    return Election.objects.create(org=org, held_on=held_on, **fields)


def extend(election: Election, extended_to: dt.date, *, approved_on: dt.date | None = None) -> TermExtension:
    return TermExtension.objects.create(
        org=election.org,
        election=election,
        extended_to=extended_to,
        approved_on=approved_on or election.held_on,
        doc_number="市直工委〔2025〕8号",
        reason="机构改革",
    )


class OrgTestCase(BaseTestCase):
    def codes(self, org: Organization, today: dt.date = TODAY) -> set[str]:
        """The finding codes of ORG alone."""
        return {f.code for f in compliance.findings_for_org(org, today=today)}

    def finding(self, org: Organization, code: str, today: dt.date = TODAY) -> compliance.Finding:
        return next(f for f in compliance.findings_for_org(org, today=today) if f.code == code)

    def branch(self, code: str = "A09", parent: Organization | None = None, **fields) -> Organization:
        return make_org(code, f"测试党支部{code}", OrgKind.BRANCH, parent or self.w.org_a, **fields)

    _audit_mark = 0

    def forget_audit_so_far(self) -> None:
        """Later checks see only entries written from now on (the append-only trail cannot be emptied)."""
        self._audit_mark = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0

    def denied_entries(self, actor):
        return AuditEntry.objects.filter(event="denied", actor=actor, pk__gt=self._audit_mark)

    def assertDeniedAndRecorded(self, response, actor) -> None:
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.denied_entries(actor).exists(), "the refusal was not recorded on the audit trail")
