"""The pages a branch works with: recording a payment, a refused month, the ledger's totals, remittances."""

from decimal import Decimal

from dangjian.dues.models import Payment, Remittance

from .helpers import YEAR, DuesTestCase, declare, pay


class PageTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, "4000")
        self.login_as(self.w.admin_a)
        self.member_url = f"/dues/members/{self.w.person_a.pk}/"

    def post_pay(self, months, amount=""):
        return self.client.post(
            f"{self.member_url}pay/",
            {"year": YEAR, "months": months, "amount": amount, "method": "wechat", "paid_on": f"{YEAR}-06-01"},
        )

    def test_a_payment_is_recorded_from_the_members_page(self):
        response = self.post_pay([1, 2], "80.00")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(sorted(Payment.objects.values_list("month", flat=True)), [1, 2])
        page = self.client.get(f"{self.member_url}?year={YEAR}")
        self.assertContains(page, "未缴 10 个月")

    def test_a_month_paid_twice_is_refused_on_the_form_and_nothing_is_written(self):
        pay(self.w.person_a, [3])
        response = self.post_pay([3, 4])
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "不能重复登记", status_code=400)
        self.assertContains(response, "未保存任何修改", status_code=400)
        self.assertEqual(list(Payment.objects.values_list("month", flat=True)), [3])

    def test_the_ledger_shows_the_years_totals_by_month_and_organization(self):
        pay(self.w.person_a, [1, 2, 3])
        response = self.client.get(f"/dues/?org=A&year={YEAR}")
        book = response.context["book"]
        self.assertEqual((book.expected, book.collected), (Decimal("480.00"), Decimal("120.00")))
        self.assertEqual([m.collected for m in book.months[:4]], [Decimal("40.00")] * 3 + [Decimal("0.00")])
        self.assertEqual([ln.org.code for ln in book.orgs], ["A01", "A02"])
        self.assertContains(response, "480.00")

    def test_the_ledger_exports_without_personal_data(self):
        response = self.client.get(f"/dues/?org=A&year={YEAR}&export=xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])

    def test_a_branch_records_a_remittance_and_the_party_committee_confirms_it(self):
        keeper_url = f"/dues/remittances/?org=A01&year={YEAR}"
        response = self.client.post(
            keeper_url, {"first_month": 1, "last_month": 6, "amount": "240", "remitted_on": f"{YEAR}-07-01"}
        )
        self.assertEqual(response.status_code, 302)
        r = Remittance.objects.get()
        self.assertEqual(r.to_org_name, "市财政局机关党委")
        response = self.client.post(keeper_url, {"first_month": 3, "last_month": 4, "amount": "80",
                                                 "remitted_on": f"{YEAR}-07-01"})  # fmt: skip
        self.assertContains(response, "不能重复上缴", status_code=400)
        self.client.post(f"/dues/remittances/{r.pk}/confirm/")
        r.refresh_from_db()
        self.assertEqual(r.status, "confirmed")

    def test_another_partys_administrator_reaches_nothing_of_a(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/dues/?org=A&year={YEAR}").status_code, 404)
        self.assertEqual(self.client.get(self.member_url).status_code, 404)
        self.assertEqual(self.post_pay([5]).status_code, 404)
        self.assertFalse(Payment.objects.exists())
