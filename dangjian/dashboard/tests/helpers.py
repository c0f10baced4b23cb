"""The dashboard tests' world: the named World, plus a figure of our own whose values the tests set.

`test.count` of an organization and year is the number of (organization, year) entries in
`figures` inside its subtree: so the committee's figure is the sum of its branches'.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dangjian.core import registry, tree
from dangjian.core.testing import BaseTestCase
from dangjian.orgs.models import Organization


class DashboardTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.figures: Counter[tuple[str, int]] = Counter()

        def count(org: Organization, year: int) -> int:
            return sum(n for (path, y), n in self.figures.items() if y == year and tree.is_within(path, [org.path]))

        metric = registry.metric("test.count", "测试事项", unit="件")(count)
        self.enterContext(registry.installed_for_test(metric))

    def add(self, org: Organization, year: int, n: int = 1) -> None:
        self.figures[(org.path, year)] += n
        registry.figures_changed()

    def line(self, data: dict[str, Any], key: str = "test.count") -> dict[str, Any]:
        """The metric KEY's entry in a board's data."""
        return next(m for line in data["lines"] for m in line["metrics"] if m["key"] == key)
