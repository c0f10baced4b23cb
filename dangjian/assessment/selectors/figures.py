"""The records behind the module's figure: one queryset, whose count is the figure."""

from __future__ import annotations

from django.db.models import QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import OrgResult, ResultStatus


def rated_in(org: Organization, year: int) -> QuerySet[OrgResult]:
    """assessment.units_rated: the organizations of ORG's subtree with a final result for YEAR
    (ORG itself included when it is rated)."""
    qs = OrgResult.objects.filter(result_set__status=ResultStatus.FINAL, result_set__scheme__year=year)
    return scoping.in_subtree(qs, org)
