"""brands.submitted / recognized / downgraded / revoked: each figure and its records page agree."""

import datetime as dt

from django.utils import timezone

from dangjian.brands import services
from dangjian.core import registry

from .helpers import BrandsTestCase


class FigureTests(BrandsTestCase):
    def test_each_figure_counts_what_its_records_page_lists(self):
        year = timezone.localdate().year
        a = self.submitted(self.w.branch_a1)
        b = self.submitted(self.w.branch_b1)
        self.draft(self.w.branch_a2)  # a draft is not a submission
        self.to_review()
        services.batch_select(batch=self.batch, brand_ids=[a.pk, b.pk], today=dt.date(2026, 1, 5))
        services.batch_recognize(batch=self.batch, today=dt.date(2026, 1, 20))
        reeval = services.reevaluation_decide(
            brand=a, year=year, outcome="revoke", reasons="停止开展活动", today=dt.date(2026, 11, 30)
        )
        services.reevaluation_confirm(reevaluation=reeval, today=dt.date(2026, 12, 8))
        expected = {"brands.submitted": 2, "brands.recognized": 2, "brands.downgraded": 0, "brands.revoked": 1}
        for key, value in expected.items():
            self.assertEqual(registry.get(key)(self.w.committee, year), value, key)
        self.assertEqual(registry.get("brands.submitted")(self.w.org_a, year), 1)
        self.assertEqual(registry.get("brands.submitted")(self.w.committee, year - 1), 0)
        self.login_as(self.w.staff)
        for path, count in (("submitted", 2), ("recognized", 2), ("downgraded", 0), ("revoked", 1)):
            response = self.client.get(f"/brands/records/{path}/?org=GW&year={year}")
            self.assertEqual(response.context["total"], count, path)
            self.assertEqual(
                self.client.get(f"/brands/records/{path}/?org=GW&year={year}&export=xlsx").status_code, 200
            )

    def test_an_admin_reads_the_records_of_their_subtree_only(self):
        self.login_as(self.w.admin_a)
        year = timezone.localdate().year
        self.assertEqual(self.client.get(f"/brands/records/submitted/?org=B&year={year}").status_code, 404)
