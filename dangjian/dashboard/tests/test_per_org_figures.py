"""Each metric's per_org (many organizations in one grouped query) gives, for every organization,
exactly the figure its function gives for that organization's subtree, on the seeded demo world."""

from dangjian.core.registry import metrics_in
from dangjian.dashboard import stats
from dangjian.demo.tests.helpers import SeededTestCase
from dangjian.orgs.tests.test_per_org_figures import assert_per_org_matches


class PerOrgFigureTests(SeededTestCase):
    def test_every_figure_of_the_app_answers_many_organizations_as_each_one_alone(self):
        assert_per_org_matches(self, metrics_in(stats))
