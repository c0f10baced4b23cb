"""The demo data breaks every setup rule somewhere, so the compliance page has something to show."""

from __future__ import annotations

from collections import Counter

from dangjian.orgs import compliance
from dangjian.orgs.models import Organization

from .helpers import TODAY, SeededTestCase

# The codes issue 2 §3 lists, and the ones the checker adds.
ISSUE_CODES = (
    "BRANCH_TOO_FEW_MEMBERS",
    "BRANCH_NEEDS_COMMITTEE",
    "BRANCH_TOO_LARGE",
    "BRANCH_NEEDS_GROUPS",
    "GROUP_TOO_SMALL",
    "JOINT_BRANCH_TOO_MANY_UNITS",
    "GENERAL_BRANCH_SIZE",
    "PARTY_COMMITTEE_SIZE",
    "TERM_DUE_SOON",
    "TERM_OVERDUE",
    "NO_SECRETARY",
)
EXTRA_CODES = ("GROUP_NO_LEADER", "NO_TERM_RECORD", "ELECTION_FEW_CANDIDATES")


class FindingsTests(SeededTestCase):
    def findings(self) -> Counter[str]:
        return Counter(f.code for f in compliance.findings_for(Organization.objects.all(), today=TODAY))

    def test_it_shows_every_finding_code(self) -> None:
        found = self.findings()
        for code in ISSUE_CODES + EXTRA_CODES:
            self.assertIn(code, found)

    def test_it_keeps_most_organizations_in_rule(self) -> None:
        flagged = {f.org_code for f in compliance.findings_for(Organization.objects.all(), today=TODAY)}
        self.assertLess(len(flagged), Organization.objects.count() / 2)
