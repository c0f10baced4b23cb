"""Demo data of the domain apps beyond organizations and people.

An app that has demo data registers a seeder in its AppConfig.ready():

    from dangjian.demo.extensions import register_seeder
    register_seeder("study", seed_study)

`seed_demo` calls every seeder once per committee, after the committee's
organizations and people (and, for the first committee, the demo accounts) are
written, inside the same transaction and with auditlog switched off. A seeder reads what it needs from the database (the
organizations under `ctx.root`, their people) and must be deterministic:
draw only from `ctx.rng(name)`, never from the global random or the clock.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@dataclass
class SeedContext:
    scale: str  # demo | city | province
    seed: int
    today: dt.date
    root: Organization  # the committee just written
    committee_index: int
    people: bool  # False when the roster was left empty (to be imported)
    counts: dict[str, int] = field(default_factory=dict)  # what each seeder wrote, for the summary

    def rng(self, name: str) -> random.Random:
        """A generator of its own for each seeder and committee, so seeders don't disturb each other."""
        return random.Random(f"{self.seed}:{self.committee_index}:{name}")


Seeder = Callable[[SeedContext], None]
_seeders: dict[str, Seeder] = {}


def register_seeder(name: str, func: Seeder) -> None:
    if name in _seeders and _seeders[name] is not func:
        raise ValueError(f"seeder {name} registered twice")
    _seeders[name] = func


def seeders() -> list[tuple[str, Seeder]]:
    return sorted(_seeders.items())
