import datetime as dt

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.people.models import PostTitle, Status

from .helpers import OrgTestCase, add_people, give_post


class GroupTests(OrgTestCase):
    def setUp(self):
        super().setUp()
        self.group = make_org("A0101", "第一党小组", OrgKind.GROUP, self.w.branch_a1)

    def test_a_group_of_two_is_too_small(self):
        add_people(self.group, 2)
        self.assertIn("GROUP_TOO_SMALL", self.codes(self.group))
        self.assertIn("党员2名（其中正式党员2名，本小组）", self.finding(self.group, "GROUP_TOO_SMALL").message)

    def test_a_group_of_three_with_a_full_member_is_fine(self):
        add_people(self.group, 1)
        add_people(self.group, 2, Status.PROBATIONARY)
        self.assertNotIn("GROUP_TOO_SMALL", self.codes(self.group))

    def test_a_group_without_a_full_member_is_flagged(self):
        add_people(self.group, 3, Status.PROBATIONARY)
        self.assertIn("GROUP_TOO_SMALL", self.codes(self.group))
        self.assertIn("没有正式党员", self.finding(self.group, "GROUP_TOO_SMALL").message)

    def test_a_group_needs_a_leader_not_a_secretary_nor_a_term(self):
        codes = self.codes(self.group)
        self.assertIn("GROUP_NO_LEADER", codes)
        self.assertFalse(codes & {"NO_SECRETARY", "NO_TERM_RECORD", "TERM_OVERDUE", "TERM_DUE_SOON"})

    def test_a_group_with_a_leader_is_fine(self):
        give_post(self.group, PostTitle.GROUP_LEADER, name="组长甲", started_on=dt.date(2024, 1, 1))
        self.assertNotIn("GROUP_NO_LEADER", self.codes(self.group))
