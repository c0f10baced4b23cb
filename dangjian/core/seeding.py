"""What an app's demo seeder gets: the context of one committee being seeded.

An app lists its seeders in its manifest (`Seeder("study", "dangjian.study.demo:seed_study")`);
`seed_demo` calls each once per committee, after the committee's
organizations and people (and, for the first committee, the demo accounts) are
written, inside the same transaction and with auditlog switched off. A seeder
reads what it needs from the database (the organizations under `ctx.root`,
their people) and must be deterministic: draw only from `ctx.rng(name)`, never
from the global random or the clock.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

# The published password of every demo account: ≥ 8 characters with upper
# case, lower case, digits and a symbol.
DEMO_PASSWORD = "Dangjian@2026"


@dataclass
class SeedContext:
    scale: str  # demo | city | province
    seed: int
    today: dt.date
    root: Organization  # the committee just written
    committee_index: int
    people: bool  # False when the roster was left empty (to be imported)
    counts: dict[str, int] = field(default_factory=dict)  # what each seeder wrote, for the summary
    # Whether seed_demo writes demo accounts with this committee (the first one, unless told not to):
    # seeders that add accounts of their own (an editor, the three administrators) add them only then.
    with_accounts: bool = False

    def rng(self, name: str) -> random.Random:
        """A generator of its own for each seeder and committee, so seeders don't disturb each other."""
        return random.Random(f"{self.seed}:{self.committee_index}:{name}")
