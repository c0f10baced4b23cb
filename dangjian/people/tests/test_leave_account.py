"""A member's own account follows the roster (accounts.member_accounts.follow_roster): leaving the
roster turns it off, a cancelled transfer out or a transfer back in turns it on again."""

from __future__ import annotations

import datetime as dt

from dangjian.accounts.models import User
from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_user
from dangjian.people import services
from dangjian.people.models import Member

from .helpers import RosterTestCase

DAY = dt.date(2025, 6, 1)


class AccountFollowsRosterTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.account = self.w.member  # 张建国's own account

    def leave(self) -> Member:
        return services.member_leave(
            member=self.w.person_a, left_on=DAY, reason="组织关系转出", to_org_name="外省某党委"
        )

    def active(self) -> bool:
        return User.objects.get(pk=self.account.pk).is_active

    def test_it_turns_the_account_off_when_the_member_leaves_and_on_when_the_leaving_is_undone(self):
        self.leave()
        self.assertFalse(self.active())
        entry = AuditEntry.objects.get(event="account_disabled", object_pk=str(self.account.pk))
        self.assertEqual(entry.additional_data, {"reason": "transferred_out", "follows": "roster"})
        services.member_leave_undo(member=self.w.person_a, reason="介绍信作废")
        self.assertTrue(self.active())

    def test_it_turns_the_account_on_again_when_the_member_transfers_back_in(self):
        left = self.leave()
        data = services.MemberData(
            name=left.name,
            gender=left.gender,
            ethnicity=left.ethnicity,
            birth_date=left.birth_date,
            id_number=left.id_number,
            org=self.w.branch_a2,
            status=left.status,
            joined_party_on=left.joined_party_on,
        )
        services.member_transfer_in(data=data, transferred_on=dt.date(2025, 9, 1), from_org_name="外省某党委")
        self.assertTrue(self.active())
        self.assertTrue(AuditEntry.objects.filter(event="account_enabled", object_pk=str(self.account.pk)).exists())

    def test_it_leaves_other_peoples_accounts_alone(self):
        other = make_user("lhm", person=self.w.person_b)
        self.leave()
        self.assertTrue(User.objects.get(pk=other.pk).is_active)
