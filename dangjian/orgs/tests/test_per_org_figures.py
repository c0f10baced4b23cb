"""Each metric's per_org (many organizations in one grouped query) gives, for every organization,
exactly the figure its function gives for that organization's subtree, on the seeded demo world."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.test import TestCase

from dangjian.core.registry import Metric, metrics_in
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs import stats
from dangjian.orgs.models import Organization

YEARS = (TODAY.year - 2, TODAY.year - 1, TODAY.year, TODAY.year + 1)


def assert_per_org_matches(case: TestCase, metrics: Sequence[Metric], *, allowed_zero: Sequence[str] = ()) -> None:
    """For every metric of METRICS: per_org over all organizations, and over the branches alone (whose common
    ancestor is not among them), equals the function called once per organization, for every year of YEARS;
    and the seeded world gives each metric (but those ALLOWED_ZERO) a figure other than 0 somewhere."""
    every = list(Organization.objects.order_by("path"))
    deep = [o for o in every if o.depth >= 3][::-1]
    case.assertGreater(len(deep), 10)
    for m in metrics:
        case.assertIsNotNone(m.per_org, m.key)
        assert m.per_org is not None
        nonzero = False
        for year in YEARS:
            for orgs in (every, deep):
                with case.subTest(key=m.key, year=year, orgs=len(orgs)):
                    expected = {o.pk: m.func(o, year) for o in orgs}
                    got: dict[int, Any] = dict(m.per_org(orgs, year))
                    case.assertEqual(got, expected)
                    nonzero = nonzero or any(expected.values())
        if m.key not in allowed_zero:
            case.assertTrue(nonzero, f"{m.key} is 0 everywhere: the check proves nothing")


class PerOrgFigureTests(SeededTestCase):
    def test_every_figure_of_the_app_answers_many_organizations_as_each_one_alone(self):
        assert_per_org_matches(self, metrics_in(stats))
