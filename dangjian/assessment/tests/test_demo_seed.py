from dangjian.assessment.models import OrgResult, ResultStatus, Scheme, SchemeStatus
from dangjian.core import registry
from dangjian.demo.tests.helpers import SeededTestCase
from dangjian.orgs.models import Organization


class DemoSeedTests(SeededTestCase):
    def test_the_demo_has_a_published_scheme_with_final_results(self):
        root = Organization.objects.get(depth=1)
        scheme = Scheme.objects.filter(committee=root).order_by("-year", "-version").first()
        self.assertEqual((scheme.version, scheme.status), (2, SchemeStatus.PUBLISHED))
        self.assertTrue(Scheme.objects.filter(committee=root, year=scheme.year, version=1).exists())
        self.assertEqual(scheme.result_set.status, ResultStatus.FINAL)
        results = OrgResult.objects.filter(result_set=scheme.result_set)
        self.assertGreater(results.count(), 10)
        self.assertEqual(len({r.grade for r in results}) > 1, True)
        self.assertTrue(results.filter(objections__isnull=False).exists())
        self.assertEqual(registry.total("assessment.units_rated", root, scheme.year), results.count())
