import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from dangjian.people.models import CadreRank, Status
from dangjian.study.models import GroupKind
from dangjian.study.services import central_group as services

from .helpers import StudyTestCase


class JointSessionTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.division_a = self.people(self.w.branch_a1, 3, cadre_rank=CadreRank.DIVISION)
        self.division_b = self.people(self.w.branch_b1, 2, cadre_rank=CadreRank.DIVISION)
        self.people(self.w.branch_b1, 2, cadre_rank=CadreRank.SECTION)
        self.people(self.w.branch_a2, 1, cadre_rank=CadreRank.DIVISION, status=Status.ACTIVIST, joined_party_on=None)
        self.joint = self.group(org=self.w.committee, kind=GroupKind.JOINT, name="市直机关中心组")

    def test_it_invites_every_division_level_party_member_of_the_committee_by_default(self):
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:session_new", args=[self.joint.pk]))
        self.assertContains(r, "当前 5 人")
        r = self.client.post(
            reverse("study:session_new", args=[self.joint.pk]) + "?rank=division&status=full&status=probationary",
            {
                "held_on": self.today.isoformat(),
                "hours": "3",
                "topic": "专题辅导报告会",
                "rank": "division",
                "status": ["full", "probationary"],
            },
            follow=True,
        )
        self.assertEqual(r.status_code, 200)
        session = self.joint.sessions.get()
        self.assertEqual(
            set(session.attendances.values_list("person", flat=True)), {p.pk for p in self.division_a + self.division_b}
        )

    def test_filters_narrow_the_invitation_to_an_organization(self):
        self.login_as(self.w.staff)
        self.client.post(
            reverse("study:session_new", args=[self.joint.pk]),
            {"held_on": self.today.isoformat(), "hours": "2", "topic": "联学", "rank": "division", "org": "B"},
        )
        self.assertEqual(self.joint.sessions.get().attendances.count(), 2)

    def test_a_joint_session_needs_invitees(self):
        with self.assertRaises(ValidationError):
            services.session_plan(group=self.joint, held_on=self.today, topic="空", invitees=[], by=None)

    def test_only_a_committee_runs_a_joint_group(self):
        with self.assertRaises(ValidationError):
            services.group_create(org=self.w.org_a, name="联学", kind=GroupKind.JOINT, by=None)

    def test_an_organization_administrator_does_not_reach_the_committee_group(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(reverse("study:session_new", args=[self.joint.pk])).status_code, 404)

    def test_an_invitee_sees_the_joint_session(self):
        session = services.session_plan(
            group=self.joint,
            held_on=self.today + dt.timedelta(days=3),
            topic="联学",
            invitees=[self.w.person_a],
            by=None,
        )
        self.login_as(self.w.member)
        self.assertEqual(self.client.get(reverse("study:session_detail", args=[session.pk])).status_code, 200)
