"""Terms: reminder 6 months ahead, overdue unless an approved delay (≤ 1 year) covers it."""

import datetime as dt

from django.core.exceptions import ValidationError

from dangjian.orgs import services

from .helpers import TODAY, OrgTestCase, elect, extend, give_post

# A branch term is 3 years: elected on 2022-12-30 it ends on 2025-12-30, six months after TODAY (2025-06-30).


class TermDueSoonTests(OrgTestCase):
    def test_a_term_ending_in_exactly_six_months_is_due_soon(self):
        elect(self.w.branch_a1, dt.date(2022, 12, 30))
        self.assertIn("TERM_DUE_SOON", self.codes(self.w.branch_a1))
        f = self.finding(self.w.branch_a1, "TERM_DUE_SOON")
        self.assertIn("将于2025年12月30日届满", f.message)
        self.assertIn("届满前6个月", f.rule)

    def test_a_term_ending_six_months_and_a_day_away_is_not(self):
        elect(self.w.branch_a1, dt.date(2022, 12, 31))
        self.assertNotIn("TERM_DUE_SOON", self.codes(self.w.branch_a1))

    def test_a_term_ending_today_is_due_soon_not_overdue(self):
        elect(self.w.branch_a1, dt.date(2022, 6, 30))
        codes = self.codes(self.w.branch_a1)
        self.assertIn("TERM_DUE_SOON", codes)
        self.assertNotIn("TERM_OVERDUE", codes)


class TermOverdueTests(OrgTestCase):
    def test_a_term_ended_yesterday_without_election_is_overdue(self):
        elect(self.w.branch_a1, dt.date(2022, 6, 29))
        self.assertIn("TERM_OVERDUE", self.codes(self.w.branch_a1))
        self.assertIn("超期1天", self.finding(self.w.branch_a1, "TERM_OVERDUE").message)

    def test_a_new_election_ends_the_overdue_term(self):
        elect(self.w.branch_a1, dt.date(2021, 1, 10))
        elect(self.w.branch_a1, dt.date(2024, 3, 1))
        self.assertNotIn("TERM_OVERDUE", self.codes(self.w.branch_a1))

    def test_an_approved_delay_covers_an_ended_term(self):
        e = elect(self.w.branch_a1, dt.date(2022, 3, 1))
        extend(e, dt.date(2025, 12, 1))
        codes = self.codes(self.w.branch_a1)
        self.assertNotIn("TERM_OVERDUE", codes)
        self.assertIn("TERM_DUE_SOON", codes)  # the delayed end is within six months

    def test_an_expired_delay_leaves_the_term_overdue(self):
        e = elect(self.w.branch_a1, dt.date(2022, 3, 1))
        extend(e, dt.date(2025, 6, 1))
        self.assertIn("TERM_OVERDUE", self.codes(self.w.branch_a1))
        self.assertIn("延期至2025年6月1日", self.finding(self.w.branch_a1, "TERM_OVERDUE").message)

    def test_a_delay_beyond_a_year_only_counts_for_a_year(self):
        # Written straight to the table (as a careless import might): due 2025-03-01, "delayed" to 2026-09-01.
        e = elect(self.w.branch_a1, dt.date(2022, 3, 1))
        extend(e, dt.date(2026, 9, 1))
        self.assertNotIn("TERM_OVERDUE", self.codes(self.w.branch_a1, today=dt.date(2026, 3, 1)))
        self.assertIn("TERM_OVERDUE", self.codes(self.w.branch_a1, today=dt.date(2026, 3, 2)))

    def test_the_service_refuses_a_delay_over_a_year(self):
        elect(self.w.branch_a1, dt.date(2022, 3, 1))
        with self.assertRaisesMessage(ValidationError, "延期换届一般不超过1年"):
            services.term_extend(
                org=self.w.branch_a1,
                extended_to=dt.date(2026, 3, 2),
                approved_on=dt.date(2025, 2, 1),
                doc_number="市直工委〔2025〕1号",
                reason="机构改革",
            )
        self.assertFalse(self.w.branch_a1.term_extensions.exists())

    def test_the_service_accepts_a_delay_of_exactly_a_year(self):
        elect(self.w.branch_a1, dt.date(2022, 3, 1))
        services.term_extend(
            org=self.w.branch_a1,
            extended_to=dt.date(2026, 3, 1),
            approved_on=dt.date(2025, 2, 1),
            doc_number="市直工委〔2025〕1号",
            reason="机构改革",
        )
        self.assertNotIn("TERM_OVERDUE", self.codes(self.w.branch_a1))


class TermRecordTests(OrgTestCase):
    def test_an_organization_with_terms_and_no_election_is_flagged(self):
        self.assertIn("NO_TERM_RECORD", self.codes(self.w.branch_a1))
        self.assertIn("每届任期3年", self.finding(self.w.branch_a1, "NO_TERM_RECORD").message)

    def test_an_election_on_record_clears_it(self):
        elect(self.w.branch_a1, dt.date(2024, 1, 1))
        self.assertNotIn("NO_TERM_RECORD", self.codes(self.w.branch_a1))

    def test_too_few_candidates_are_flagged(self):
        elect(self.w.branch_a1, dt.date(2024, 1, 1), seats=5, candidates=5)
        self.assertIn("ELECTION_FEW_CANDIDATES", self.codes(self.w.branch_a1))
        self.assertIn("至少应有6名候选人", self.finding(self.w.branch_a1, "ELECTION_FEW_CANDIDATES").message)

    def test_twenty_percent_more_candidates_are_enough(self):
        elect(self.w.branch_a1, dt.date(2024, 1, 1), seats=5, candidates=6)
        self.assertNotIn("ELECTION_FEW_CANDIDATES", self.codes(self.w.branch_a1))


class SecretaryTests(OrgTestCase):
    def test_an_organization_without_a_secretary_is_flagged(self):
        self.assertIn("NO_SECRETARY", self.codes(self.w.branch_a1))

    def test_a_current_secretary_clears_it(self):
        give_post(self.w.branch_a1)
        self.assertNotIn("NO_SECRETARY", self.codes(self.w.branch_a1))

    def test_a_secretary_whose_post_ended_does_not_count(self):
        post = give_post(self.w.branch_a1)
        post.ended_on = dt.date(2024, 12, 31)
        post.save()
        self.assertIn("NO_SECRETARY", self.codes(self.w.branch_a1))


class WholeCommitteeTests(OrgTestCase):
    def test_the_checks_of_the_whole_committee_take_a_fixed_number_of_queries(self):
        from dangjian.orgs import compliance
        from dangjian.orgs.models import Organization

        with self.assertNumQueries(6):
            found = compliance.findings_for(Organization.objects.all(), today=TODAY)
        self.assertEqual({f.org_code for f in found if f.code == "NO_SECRETARY"}, {"GW", "A", "A01", "A02", "B", "B01"})
