"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- evaluation.score: the tallied score (0–100, one decimal) of ORG's own secretary in the closed
  round of YEAR that rated them (the latest, if several did); 0 when none did. It is the score of
  the organization itself, never a sum or mean over its subtree: a party committee's figure is its
  own secretary's. A round counts once it is closed (at the deadline, or earlier by hand).
- evaluation.reports: yearly reports submitted in rounds of the year in ORG's subtree (份);
- evaluation.talks: secretaries put on the formal-talk (约谈) list by rounds of the year (人).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _scores(orgs: Sequence[Organization], year: int) -> Mapping[int, float | int]:
    found = selectors.scores_of(orgs, year)
    return {o.pk: float(found[o.pk]) if o.pk in found else 0 for o in orgs}


# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _reports_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.reports_in)


def _talks_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.talks_in)


@metric(
    "evaluation.score",
    "述职评议得分",
    unit="分",
    records_url="evaluation:records_scores",
    records=selectors.scores_in,
    per_org=_scores,
)
def score(org: Organization, year: int) -> float | int:
    found = selectors.score_of(org, year)
    return float(found) if found is not None else 0


@metric(
    "evaluation.reports",
    "书记述职报告",
    unit="份",
    records_url="evaluation:records_reports",
    records=selectors.reports_in,
    per_org=_reports_per_org,
)
def reports(org: Organization, year: int) -> int:
    return selectors.reports_in(org, year).count()


@metric(
    "evaluation.talks",
    "述职评议约谈",
    unit="人",
    records_url="evaluation:talks",
    records=selectors.talks_in,
    per_org=_talks_per_org,
)
def talks(org: Organization, year: int) -> int:
    return selectors.talks_in(org, year).count()
