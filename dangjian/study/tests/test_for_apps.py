"""training_of_org: what another app (a brand's public showcase) reads of an organization's training:
the classes of a year its subtree ran or its people attended, with how many of them, no names."""

import datetime as dt
from decimal import Decimal

from dangjian.core.testing import MemberFactory
from dangjian.study.models import VenueKind
from dangjian.study.selectors.for_apps import training_of_org
from dangjian.study.services import signin
from dangjian.study.services import training as tr
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase

YEAR = 2025


class TrainingOfOrgTests(StudyTestCase):
    def make(self, org, title, starts_on):
        return tr.class_create(
            org=org,
            title=title,
            venue_kind=VenueKind.PARTY_SCHOOL,
            starts_on=starts_on,
            ends_on=starts_on,
            hours=Decimal("6"),
            by=self.w.staff,
        )

    def attend(self, klass, people, present):
        tr.enrol(klass=klass, people=people, by=self.w.staff, on=klass.starts_on - dt.timedelta(days=3))
        marks = {p.pk: MarkIn("present", "") if p in present else MarkIn("absent", "公务出差") for p in people}
        signin.day_mark(day=klass.days.get(), marks=marks, by=self.w.staff)

    def test_it_lists_classes_run_by_the_subtree_or_attended_by_its_people(self):
        ours = [MemberFactory(org=self.w.branch_a1) for _ in range(3)]
        theirs = [MemberFactory(org=self.w.branch_b1) for _ in range(2)]
        committee_class = self.make(self.w.committee, "市直机关党支部书记培训班", dt.date(YEAR, 5, 10))
        self.attend(committee_class, ours + theirs, present=ours[:2] + theirs)
        own_class = self.make(self.w.branch_a1, "支部党员轮训", dt.date(YEAR, 9, 1))
        self.make(self.w.org_b, "教育局的培训班", dt.date(YEAR, 6, 1))  # neither ours nor attended by us
        absent = self.make(self.w.committee, "无人参加的培训班", dt.date(YEAR, 7, 1))
        self.attend(absent, ours[:1], present=[])
        self.make(self.w.branch_a1, "上一年的培训班", dt.date(YEAR - 1, 9, 1))
        rows = training_of_org(self.w.branch_a1, YEAR, today=dt.date(YEAR, 12, 31))
        self.assertEqual([r.title for r in rows], [own_class.title, committee_class.title])
        self.assertEqual((rows[0].held_here, rows[0].attended, rows[0].held_by), (True, 0, "市财政局第一党支部"))
        self.assertEqual((rows[1].held_here, rows[1].attended, rows[1].held_by), (False, 2, "市直属机关工委"))
        self.assertEqual(rows[1].venue, "党校")
        self.assertEqual(len(training_of_org(self.w.branch_a1, YEAR, most=1, today=dt.date(YEAR, 12, 31))), 1)
        # Classes still to come are not training yet (as in the training figures).
        self.assertEqual(training_of_org(self.w.branch_a1, YEAR, today=dt.date(YEAR, 5, 1)), [])
