"""The demo seeder: a live and a revoked display link of the committee, whose tokens open them."""

from __future__ import annotations

import datetime as dt

from dangjian.core.seeding import SeedContext
from dangjian.dashboard.demo import seed_dashboard
from dangjian.dashboard.models import LinkStatus, ScreenLink
from dangjian.dashboard.selectors import link_for_token

from .helpers import DashboardTestCase


class DemoSeedTests(DashboardTestCase):
    def seed(self) -> SeedContext:
        today = dt.date.today()
        ctx = SeedContext(scale="city", seed=1, today=today, root=self.w.committee, committee_index=0, people=True)
        seed_dashboard(ctx)
        return ctx

    def test_it_seeds_a_live_and_a_revoked_link(self):
        ctx = self.seed()
        self.assertEqual(ctx.counts["大屏展示链接"], 2)
        live = ScreenLink.objects.get(status=LinkStatus.ACTIVE)
        self.assertTrue(live.is_live())
        self.assertEqual(link_for_token(live.token), live)
        self.assertEqual(self.client.get(f"/charts/screen/{live.token}/").status_code, 200)
        revoked = ScreenLink.objects.get(status=LinkStatus.REVOKED)
        self.assertEqual(self.client.get(f"/charts/screen/{revoked.token}/").status_code, 410)

    def test_the_same_seed_writes_the_same_links(self):
        self.seed()
        first = list(ScreenLink.objects.order_by("name").values_list("name", "key", "created_at", "expires_at"))
        ScreenLink.objects.all().delete()
        self.seed()
        self.assertEqual(
            list(ScreenLink.objects.order_by("name").values_list("name", "key", "created_at", "expires_at")), first
        )
