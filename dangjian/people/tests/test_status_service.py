"""member_status_change: the roster status moves as the admission pipeline does, validated and audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.people import services
from dangjian.people.models import Member, Status


class MemberStatusChangeTests(BaseTestCase):
    def person(self, status: str = Status.ACTIVIST) -> Member:
        return MemberFactory.create(name="赵新", org=self.w.branch_a1, status=status, birth_date=dt.date(1995, 3, 1))

    def test_it_makes_an_activist_probationary_with_the_joining_date(self):
        p = self.person()
        services.member_status_change(member=p, status=Status.PROBATIONARY, joined_party_on=dt.date(2024, 6, 1))
        p.refresh_from_db()
        self.assertEqual((p.status, p.joined_party_on), (Status.PROBATIONARY, dt.date(2024, 6, 1)))

    def test_it_keeps_the_joining_date_on_conversion(self):
        p = self.person(Status.PROBATIONARY)
        joined = p.joined_party_on
        services.member_status_change(member=p, status=Status.FULL)
        p.refresh_from_db()
        self.assertEqual((p.status, p.joined_party_on), (Status.FULL, joined))

    def test_it_clears_the_joining_date_when_leaving_the_party_statuses(self):
        p = self.person(Status.PROBATIONARY)
        services.member_status_change(member=p, status=Status.NON_PARTY)
        p.refresh_from_db()
        self.assertEqual((p.status, p.joined_party_on), (Status.NON_PARTY, None))

    def test_it_refuses_a_party_status_without_a_date_and_writes_nothing(self):
        p = self.person()
        with self.assertRaises(ValidationError) as caught:
            services.member_status_change(member=p, status=Status.PROBATIONARY)
        self.assertIn("joined_party_on", caught.exception.message_dict)
        p.refresh_from_db()
        self.assertEqual(p.status, Status.ACTIVIST)

    def test_it_refuses_an_unknown_status(self):
        with self.assertRaises(ValidationError):
            services.member_status_change(member=self.person(), status="boss")

    def test_the_change_is_in_the_audit_log(self):
        p = self.person()
        services.member_status_change(member=p, status=Status.PROBATIONARY, joined_party_on=dt.date(2024, 6, 1))
        entry = AuditEntry.objects.filter(object_pk=str(p.pk), action=AuditEntry.Action.UPDATE).latest("pk")
        self.assertIn("status", entry.changes_dict)
