"""Each metric's per_org (many organizations in one grouped query) gives, for every organization,
exactly the figure its function gives for that organization's subtree, on the seeded demo world.

The demo drafts one report and sends none, so a few reports of organizations at every depth are
written as sent (and some left as drafts) on top."""

from django.utils import timezone

from dangjian.annual import stats
from dangjian.annual.models import AnnualReport, Status
from dangjian.core.registry import metrics_in
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs.models import Organization
from dangjian.orgs.tests.test_per_org_figures import assert_per_org_matches


class PerOrgFigureTests(SeededTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        taken = set(AnnualReport.objects.values_list("org_id", "year"))
        now = timezone.now()
        reports = []
        for i, org in enumerate(Organization.objects.order_by("path")[::7]):
            year = TODAY.year - 1 + i % 2
            if (org.pk, year) in taken:
                continue
            status = Status.DRAFT if i % 3 == 0 else Status.SENT
            reports.append(
                AnnualReport(
                    org=org, year=year, title=f"{org.name}{year}年度报告", status=status,
                    sent_at=now if status == Status.SENT else None,
                )
            )  # fmt: skip
        AnnualReport.objects.bulk_create(reports)

    def test_every_figure_of_the_app_answers_many_organizations_as_each_one_alone(self):
        self.assertTrue(AnnualReport.objects.filter(status=Status.SENT, org__depth__gte=3).exists())
        assert_per_org_matches(self, metrics_in(stats))
