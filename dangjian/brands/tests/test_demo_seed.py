"""The demo seeder at city scale: the seed report's year (63 submitted, 30 recognized) comes back exactly
through the registry, with downgraded and revoked brands, and it is deterministic."""

import datetime as dt

from dangjian.brands.demo import seed_brands
from dangjian.brands.models import Brand, BrandStatus, BrandVersion, ExchangeEvent, Reevaluation, Score
from dangjian.core import registry
from dangjian.core.seeding import SeedContext
from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind

from .helpers import BrandsTestCase

TODAY = dt.date(2026, 11, 20)


class DemoSeedTests(BrandsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(80):
            make_org(f"S{i:02d}", f"市测试局第{i}党支部", OrgKind.BRANCH, cls.w.org_b)

    def seed(self) -> SeedContext:
        ctx = SeedContext(scale="city", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_brands(ctx)
        return ctx

    def figure(self, key):
        return registry.get(key)(self.w.committee, TODAY.year)

    def test_the_seed_year_comes_back_exactly(self):
        ctx = self.seed()
        self.assertEqual((self.figure("brands.submitted"), self.figure("brands.recognized")), (63, 30))
        self.assertEqual((self.figure("brands.downgraded"), self.figure("brands.revoked")), (2, 1))
        self.assertEqual(ctx.counts["党建品牌申报"], 63)
        self.assertEqual(Score.objects.filter(brand__batch__year=TODAY.year).count(), 63 * 7)
        self.assertEqual(BrandVersion.objects.filter(number=2).count(), 10)
        self.assertTrue(Reevaluation.objects.filter(status="notice").exists())
        self.assertEqual(ExchangeEvent.objects.get(kind="exchange").presenters.count(), 7)
        self.assertEqual(Brand.objects.filter(status=BrandStatus.DRAFT).count(), 6)
        self.assertFalse(Brand.objects.filter(recognized_at__date__gt=TODAY).exists())

    def test_the_seed_year_comes_back_through_the_registry_and_the_records_pages(self):
        self.seed()
        figures = registry.compute(self.w.committee, TODAY.year)
        self.assertEqual((figures["brands.submitted"], figures["brands.recognized"]), (63, 30))
        self.login_as(self.w.staff)
        for path, count in (("submitted", 63), ("recognized", 30)):
            response = self.client.get(f"/brands/records/{path}/?org=GW&year={TODAY.year}")
            self.assertEqual(response.context["total"], count, path)

    def test_it_is_deterministic(self):
        self.seed()
        first = list(Brand.objects.order_by("org__path").values_list("org__code", "name", "status"))
        Brand.objects.all().delete()
        self.seed()
        self.assertEqual(list(Brand.objects.order_by("org__path").values_list("org__code", "name", "status")), first)
