"""The organization rules' numbers (DOMAIN.md, "Rules with numbers"), typed, with their defaults.

A deployment changes any of them in `settings.DANGJIAN["orgs"]`, e.g.
`{"term_remind_months": 3}`; code reads `OrgsSettings.current()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from dangjian.core.conf import AppSettings


def _term_years() -> dict[str, int]:
    return {"committee": 5, "party_committee": 5, "general_branch": 3, "branch": 3}


@dataclass(frozen=True)
class OrgsSettings(AppSettings):
    SECTION: ClassVar[str] = "orgs"

    # Term length in years by organization kind (kinds not named have no term, e.g. 党小组).
    term_years: dict[str, int] = field(default_factory=_term_years)
    # The upper level reminds this many months before a term ends.
    term_remind_months: int = 6
    # Advancing or delaying an election: at most this many years.
    term_max_delay_years: int = 1
    # A branch needs this many full members.
    branch_min_full_members: int = 3
    # From this many full members a branch elects a branch committee.
    branch_committee_from: int = 7
    # A branch generally has at most this many members …
    branch_max_members: int = 50
    # … and from this many it divides into groups …
    branch_groups_from: int = 20
    # … of at least this many members.
    group_min_members: int = 3
    # A joint branch covers at most this many units.
    joint_branch_max_units: int = 5
    # A general branch for this many members (inclusive), a party committee from the minimum.
    general_branch_range: tuple[int, int] = (50, 100)
    party_committee_min: int = 100
    # Candidates exceed seats by at least this share.
    candidate_surplus: float = 0.2

    @property
    def surplus_percent(self) -> int:
        return round(self.candidate_surplus * 100)
