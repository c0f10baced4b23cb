"""dues.expected and dues.collected: yuan for (org, year) over the subtree; the records pages list what they add up."""

from decimal import Decimal

from dangjian.core import registry

from .helpers import YEAR, DuesTestCase, declare, pay


class StatsTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, "4000")  # 40.00
        declare(self.a2_member, "12000")  # 240.00
        declare(self.w.person_b, "0", "no_income")  # 0.20
        pay(self.w.person_a, [1, 2])
        [voided] = pay(self.a2_member, [1])
        from dangjian.dues import services

        services.payment_void(payment=voided, reason="误登")
        pay(self.w.person_b, [1])

    def test_the_figures_add_up_the_subtree(self):
        expected, collected = registry.get("dues.expected"), registry.get("dues.collected")
        self.assertEqual(Decimal(str(expected(self.w.committee, YEAR))), 12 * Decimal("280.20"))
        self.assertEqual(expected(self.w.org_a, YEAR), 12 * 280)
        self.assertEqual(collected(self.w.committee, YEAR), 80.2)  # the voided month is not counted
        self.assertEqual(collected(self.w.org_b, YEAR), 0.2)
        self.assertEqual(collected(self.w.committee, YEAR - 1), 0)

    def test_the_records_pages_list_and_total_the_same(self):
        self.login_as(self.w.staff)
        response = self.client.get(f"/dues/records/collected/?org=GW&year={YEAR}")
        self.assertEqual(response.context["total"], Decimal("80.20"))
        self.assertEqual(response.context["count"], 3)
        response = self.client.get(f"/dues/records/expected/?org=A&year={YEAR}")
        self.assertEqual(response.context["total"], Decimal("3360.00"))
        self.assertNotContains(response, "12000")  # bases stay masked on the records page

    def test_an_administrator_of_b_cannot_open_as_records(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/dues/records/collected/?org=A&year={YEAR}").status_code, 404)
