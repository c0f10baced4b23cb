"""activities_of_org: what another app (a brand's public showcase) reads of an organization's volunteer
work: the published activities of its subtree in a year, newest first, without anyone's name."""

import datetime as dt

from django.utils import timezone

from dangjian.volunteer.models import ActivityStatus
from dangjian.volunteer.selectors import activities_of_org

from .helpers import VolunteerTestCase, attended, make_activity, person


class ActivitiesOfOrgTests(VolunteerTestCase):
    def test_it_lists_the_published_activities_of_the_subtree_in_the_year(self):
        year = timezone.localtime(self.activity.starts_at).year
        attended(self.activity, person(name="孙志愿", org=self.w.branch_a1))
        later = make_activity(self.brigade_a, title="社区环境整治", starts_in=dt.timedelta(days=3, hours=2))
        make_activity(self.brigade_a, title="草稿活动", status=ActivityStatus.DRAFT)
        make_activity(self.brigade_b, title="教育局的活动")
        make_activity(self.brigade_a, title="明年的活动", starts_in=dt.timedelta(days=400))
        rows = activities_of_org(self.w.org_a, year)
        if timezone.localtime(later.starts_at).year != year:
            return  # the last hours of a year: the later activity falls in the next one
        self.assertEqual([r.title for r in rows], ["社区环境整治", self.activity.title])
        first = rows[1]
        self.assertEqual((first.kind, first.brigade, first.participants), ("文明交通劝导", self.brigade_a.name, 1))
        self.assertEqual([r.title for r in activities_of_org(self.w.org_a, year, most=1)], ["社区环境整治"])
        self.assertEqual(activities_of_org(self.w.branch_a1, year), [])  # the brigade is A's, not the branch's
        self.assertEqual(
            {r.title for r in activities_of_org(self.w.committee, year)},
            {"社区环境整治", "教育局的活动", self.activity.title},
        )
