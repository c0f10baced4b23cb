"""What recording a meeting involves: the kinds an organization holds, its roster and its committee's quorum."""

import datetime as dt

from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.study.errors import OrgHoldsNoMeetings
from dangjian.study.models import MeetingKind
from dangjian.study.services import org_life as services

from .helpers import StudyTestCase

DAY = dt.date(2024, 3, 12)


class MeetingPlanTests(StudyTestCase):
    def test_a_committee_of_five_needs_three(self):
        self.committee(self.w.branch_a1, self.people(self.w.branch_a1, 5))
        plan = services.meeting_plan(org=self.w.branch_a1, kind=MeetingKind.BRANCH_COMMITTEE, on=DAY)
        self.assertEqual(
            (plan.kind, plan.committee_size, plan.quorum_needed, len(plan.roster)), ("branch_committee", 5, 3, 5)
        )

    def test_more_than_half_of_four_is_three(self):
        self.assertEqual([services.quorum_needed(n) for n in (3, 4, 5, 6, 7)], [2, 3, 3, 4, 4])

    def test_a_kind_the_organization_does_not_hold_falls_back_to_its_first(self):
        plan = services.meeting_plan(org=self.w.branch_a1, kind=MeetingKind.GROUP, on=DAY)
        self.assertNotIn(MeetingKind.GROUP, dict(plan.kinds))
        self.assertEqual(plan.kind, plan.kinds[0][0])

    def test_the_committee_itself_records_no_meetings(self):
        with self.assertRaises(OrgHoldsNoMeetings) as cm:
            services.meeting_plan(org=self.w.committee, kind="", on=DAY)
        self.assertEqual(codes_of(cm.exception), {"org_holds_no_meetings"})
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:meeting_new"), {"org": "GW"}, follow=True)
        self.assertContains(r, "不登记组织生活会议")
