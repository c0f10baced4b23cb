"""The records behind the module's figure, and the year's figures shown beside it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from dangjian.core import registry, scoping
from dangjian.orgs.models import Organization

from ..conf import FIGURES_BESIDE
from ..models import OrgResult, ResultStatus


def rated_in(org: Organization, year: int) -> QuerySet[OrgResult]:
    """assessment.units_rated: the organizations of ORG's subtree with a final result for YEAR
    (ORG itself included when it is rated)."""
    qs = OrgResult.objects.filter(result_set__status=ResultStatus.FINAL, result_set__scheme__year=year)
    return scoping.in_subtree(qs, org)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int
    unit: str
    link: str  # the records page behind it ("" when the app has none)


def figures_beside(org: Organization, year: int) -> list[Figure]:
    """FIGURES_BESIDE for ORG's subtree and YEAR, read through the registry (its cache), each with
    the address of its records page; the caller has checked that the user may see ORG's figures."""
    found: list[Figure] = []
    for key in FIGURES_BESIDE:
        try:
            m = registry.get(key)
        except KeyError:
            continue
        link = ""
        if m.records_url:
            try:
                link = f"{reverse(m.records_url)}?org={org.code}&year={year}"
            except NoReverseMatch:
                link = ""
        found.append(Figure(key, m.label, registry.value(key, org, year), m.unit, link))
    return found
