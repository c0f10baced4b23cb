import datetime as dt

from dangjian.core.testing import make_org
from dangjian.orgs import selectors
from dangjian.orgs.models import OrgKind
from dangjian.orgs.terms import TermStatus, add_months
from dangjian.people.models import PostTitle

from .helpers import TODAY, OrgTestCase, elect, extend, give_post


class TermTests(OrgTestCase):
    def term(self, org, as_of=TODAY):
        return selectors.org_row(org, as_of=as_of).term

    def test_add_months_keeps_the_end_of_short_months(self):
        self.assertEqual(add_months(dt.date(2025, 8, 31), 6), dt.date(2026, 2, 28))
        self.assertEqual(add_months(dt.date(2025, 11, 15), 3), dt.date(2026, 2, 15))

    def test_the_current_term_runs_from_the_latest_election(self):
        elect(self.w.branch_a1, dt.date(2019, 5, 1))
        elect(self.w.branch_a1, dt.date(2022, 5, 1))
        term = self.term(self.w.branch_a1)
        self.assertEqual(term.election.held_on, dt.date(2022, 5, 1))
        self.assertEqual(term.years, 3)
        self.assertEqual(term.due_on, dt.date(2025, 5, 1))
        self.assertEqual(term.status, TermStatus.OVERDUE)
        self.assertEqual(term.status_label, "已超期")

    def test_a_party_committee_term_is_five_years_and_an_election_may_set_its_own(self):
        elect(self.w.org_a, dt.date(2021, 7, 1))
        self.assertEqual(self.term(self.w.org_a).due_on, dt.date(2026, 7, 1))
        elect(self.w.branch_a1, dt.date(2024, 7, 1), term_years=2)
        self.assertEqual(self.term(self.w.branch_a1).due_on, dt.date(2026, 7, 1))

    def test_an_approved_delay_shows_as_extended(self):
        e = elect(self.w.branch_a1, dt.date(2022, 5, 1))
        extend(e, dt.date(2025, 11, 1))
        term = self.term(self.w.branch_a1)
        self.assertEqual(term.status, TermStatus.EXTENDED)
        self.assertEqual(term.status_label, "已批准延期")
        self.assertEqual(term.ends_on, dt.date(2025, 11, 1))

    def test_a_group_has_no_term(self):
        group = make_org("A0101", "第一党小组", OrgKind.GROUP, self.w.branch_a1)
        self.assertEqual(self.term(group).status, TermStatus.NOT_APPLICABLE)

    def test_the_secretary_is_the_current_holder_of_the_post(self):
        old = give_post(self.w.branch_a1, name="刘旧书记", started_on=dt.date(2018, 1, 1))
        old.ended_on = dt.date(2022, 5, 1)
        old.save()
        give_post(self.w.branch_a1, name="陈新书记", started_on=dt.date(2022, 5, 1))
        give_post(self.w.branch_a1, PostTitle.COMMITTEE_MEMBER, name="周委员")
        row = selectors.org_row(self.w.branch_a1, as_of=TODAY)
        self.assertEqual(row.secretary.name, "陈新书记")
