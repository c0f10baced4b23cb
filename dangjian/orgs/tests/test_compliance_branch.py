"""Branch checks at their boundaries (numbers from OrgsSettings, settings.DANGJIAN["orgs"])."""

from django.test import override_settings

from dangjian.core.testing import UnitFactory, make_org
from dangjian.orgs.models import OrgKind
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people


class BranchTooFewMembersTests(OrgTestCase):
    def test_it_flags_a_branch_with_two_full_members(self):
        branch = self.branch()
        add_people(branch, 2)
        add_people(branch, 3, Status.PROBATIONARY)  # probationary members do not count here
        self.assertIn("BRANCH_TOO_FEW_MEMBERS", self.codes(branch))

    def test_three_full_members_are_enough(self):
        branch = self.branch()
        add_people(branch, 3)
        self.assertNotIn("BRANCH_TOO_FEW_MEMBERS", self.codes(branch))

    def test_full_members_of_its_groups_count_for_the_branch(self):
        branch = self.branch()
        group = make_org("A0901", "第一党小组", OrgKind.GROUP, branch)
        add_people(branch, 1)
        add_people(group, 2)
        self.assertNotIn("BRANCH_TOO_FEW_MEMBERS", self.codes(branch))

    def test_the_message_names_the_count_used_and_the_rule(self):
        branch = self.branch()
        add_people(branch, 2)
        f = self.finding(branch, "BRANCH_TOO_FEW_MEMBERS")
        self.assertIn("正式党员2名（本组织及下级合计）", f.message)
        self.assertEqual(f.org_code, "A09")
        self.assertIn("《中国共产党支部工作条例（试行）》第五条", f.rule)
        self.assertIn("正式党员3人以上的", f.rule)

    @override_settings(DANGJIAN={"orgs": {"branch_min_full_members": 5}})
    def test_the_threshold_comes_from_settings(self):
        branch = self.branch()
        add_people(branch, 4)
        self.assertIn("BRANCH_TOO_FEW_MEMBERS", self.codes(branch))
        self.assertIn("正式党员5人以上的", self.finding(branch, "BRANCH_TOO_FEW_MEMBERS").rule)


class BranchNeedsCommitteeTests(OrgTestCase):
    def test_six_full_members_need_no_committee(self):
        branch = self.branch()
        add_people(branch, 6)
        add_people(branch, 4, Status.PROBATIONARY)
        self.assertNotIn("BRANCH_NEEDS_COMMITTEE", self.codes(branch))

    def test_seven_full_members_without_a_committee_are_flagged(self):
        branch = self.branch()
        add_people(branch, 7)
        self.assertIn("BRANCH_NEEDS_COMMITTEE", self.codes(branch))
        self.assertIn("正式党员7名（本组织及下级合计）", self.finding(branch, "BRANCH_NEEDS_COMMITTEE").message)

    def test_seven_full_members_with_a_committee_are_fine(self):
        branch = self.branch(has_branch_committee=True)
        add_people(branch, 7)
        self.assertNotIn("BRANCH_NEEDS_COMMITTEE", self.codes(branch))


class BranchTooLargeTests(OrgTestCase):
    def test_fifty_members_are_allowed(self):
        branch = self.branch()
        add_people(branch, 45)
        add_people(branch, 5, Status.PROBATIONARY)
        add_people(branch, 9, Status.ACTIVIST)  # activists are not party members
        self.assertNotIn("BRANCH_TOO_LARGE", self.codes(branch))

    def test_fifty_one_members_are_too_many(self):
        branch = self.branch()
        add_people(branch, 45)
        add_people(branch, 6, Status.PROBATIONARY)
        self.assertIn("BRANCH_TOO_LARGE", self.codes(branch))
        self.assertIn(
            "党员51名（其中正式党员45名，本组织及下级合计）", self.finding(branch, "BRANCH_TOO_LARGE").message
        )


class BranchNeedsGroupsTests(OrgTestCase):
    def test_nineteen_members_need_no_groups(self):
        branch = self.branch(has_branch_committee=True)
        add_people(branch, 19)
        self.assertNotIn("BRANCH_NEEDS_GROUPS", self.codes(branch))

    def test_twenty_members_without_groups_are_flagged(self):
        branch = self.branch(has_branch_committee=True)
        add_people(branch, 18)
        add_people(branch, 2, Status.PROBATIONARY)
        self.assertIn("BRANCH_NEEDS_GROUPS", self.codes(branch))

    def test_twenty_members_with_a_group_are_fine(self):
        branch = self.branch(has_branch_committee=True)
        group = make_org("A0901", "第一党小组", OrgKind.GROUP, branch)
        add_people(branch, 17)
        add_people(group, 3)
        self.assertNotIn("BRANCH_NEEDS_GROUPS", self.codes(branch))


class JointBranchUnitsTests(OrgTestCase):
    def units(self, n):
        return [UnitFactory(name=f"市联合单位{i}") for i in range(n)]

    def test_five_units_are_allowed(self):
        branch = self.branch(units=self.units(5))
        self.assertNotIn("JOINT_BRANCH_TOO_MANY_UNITS", self.codes(branch))

    def test_six_units_are_too_many(self):
        branch = self.branch(units=self.units(6))
        self.assertIn("JOINT_BRANCH_TOO_MANY_UNITS", self.codes(branch))
        self.assertIn("覆盖6个单位", self.finding(branch, "JOINT_BRANCH_TOO_MANY_UNITS").message)
