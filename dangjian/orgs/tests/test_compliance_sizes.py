"""General branches should have 50–100 members, party committees 100+, unless approved."""

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people


class GeneralBranchSizeTests(OrgTestCase):
    def general_branch(self, members: int, approval_doc: str = ""):
        gb = make_org("A10", "市财政局机关党总支", OrgKind.GENERAL_BRANCH, self.w.org_a, approval_doc=approval_doc)
        below = make_org("A1001", "党总支第一支部", OrgKind.BRANCH, gb)
        add_people(gb, 10)
        add_people(below, members - 10 - 5)
        add_people(below, 5, Status.PROBATIONARY)
        return gb

    def test_forty_nine_members_are_too_few(self):
        gb = self.general_branch(49)
        self.assertIn("GENERAL_BRANCH_SIZE", self.codes(gb))
        self.assertIn(
            "党员49名（其中正式党员44名，本组织及下级合计），不在50–100名范围内",
            self.finding(gb, "GENERAL_BRANCH_SIZE").message,
        )

    def test_fifty_members_are_fine(self):
        self.assertNotIn("GENERAL_BRANCH_SIZE", self.codes(self.general_branch(50)))

    def test_a_hundred_members_are_fine(self):
        self.assertNotIn("GENERAL_BRANCH_SIZE", self.codes(self.general_branch(100)))

    def test_a_hundred_and_one_members_are_too_many(self):
        self.assertIn("GENERAL_BRANCH_SIZE", self.codes(self.general_branch(101)))

    def test_an_approval_document_covers_forty_nine(self):
        self.assertNotIn("GENERAL_BRANCH_SIZE", self.codes(self.general_branch(49, approval_doc="市直工委〔2024〕3号")))

    def test_an_approval_document_covers_a_hundred_and_one(self):
        self.assertNotIn(
            "GENERAL_BRANCH_SIZE", self.codes(self.general_branch(101, approval_doc="市直工委〔2024〕4号"))
        )


class PartyCommitteeSizeTests(OrgTestCase):
    def party_committee(self, members: int, approval_doc: str = ""):
        pc = make_org("C", "市卫健委机关党委", OrgKind.PARTY_COMMITTEE, self.w.committee, approval_doc=approval_doc)
        branch = make_org("C01", "市卫健委第一支部", OrgKind.BRANCH, pc)
        add_people(branch, members)
        return pc

    def test_ninety_nine_members_without_approval_are_flagged(self):
        pc = self.party_committee(99)
        self.assertIn("PARTY_COMMITTEE_SIZE", self.codes(pc))
        self.assertIn("不足100名，且未登记上级批准文号", self.finding(pc, "PARTY_COMMITTEE_SIZE").message)

    def test_a_hundred_members_are_fine(self):
        self.assertNotIn("PARTY_COMMITTEE_SIZE", self.codes(self.party_committee(100)))

    def test_ninety_nine_members_with_approval_are_fine(self):
        self.assertNotIn(
            "PARTY_COMMITTEE_SIZE", self.codes(self.party_committee(99, approval_doc="市直工委〔2023〕9号"))
        )
