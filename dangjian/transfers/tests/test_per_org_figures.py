"""Each metric's per_org (many organizations in one grouped query) gives, for every organization,
exactly the figure its function gives for that organization's subtree, on the seeded demo world.

The small demo set writes members in flow only, so its transfers are replaced by those of the city set."""

from dangjian.core.registry import metrics_in
from dangjian.core.seeding import SeedContext
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs.models import Organization
from dangjian.orgs.tests.test_per_org_figures import assert_per_org_matches
from dangjian.transfers import stats
from dangjian.transfers.demo import seed_transfers
from dangjian.transfers.models import FlowMember, InLetter, OutLetter


class PerOrgFigureTests(SeededTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        OutLetter.objects.all().delete()
        InLetter.objects.all().delete()
        FlowMember.objects.all().delete()
        for i, root in enumerate(Organization.objects.filter(depth=1).order_by("path")):
            ctx = SeedContext(scale="city", seed=1, today=TODAY, root=root, committee_index=i, people=True)
            seed_transfers(ctx)

    def test_every_figure_of_the_app_answers_many_organizations_as_each_one_alone(self):
        self.assertTrue(OutLetter.objects.exists())
        self.assertTrue(InLetter.objects.exists())
        assert_per_org_matches(self, metrics_in(stats))
