"""Committee staff see all; an organization's administrators read their subtree and file requests;
anything else is a recorded 404."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.models import AuditEntry
from dangjian.liaison import services
from dangjian.liaison.models import LectureRequest, LiaisonPoint

from .helpers import LAST_YEAR, LiaisonTestCase


class ScopingTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        self.in_a = self.point(org=self.w.branch_a1)
        self.in_b = self.point(org=self.w.branch_b1)
        self.lecture_b = self.lecture(org=self.w.branch_b1)

    def test_an_administrator_lists_only_their_subtree(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(reverse("liaison:points"), {"year": LAST_YEAR})
        self.assertEqual([p.pk for p in response.context["page"]], [self.in_a.pk])
        self.assertNotContains(response, "新建联系点")

    def test_a_foreign_point_lecture_or_organization_is_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        before = AuditEntry.objects.filter(event="denied").count()
        for url in (
            reverse("liaison:point_detail", args=[self.in_b.pk]),
            reverse("liaison:lecture_detail", args=[self.lecture_b.pk]),
            reverse("liaison:points") + f"?org={self.w.org_b.code}",
            reverse("liaison:unvisited") + f"?org={self.w.org_b.code}",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 4)

    def test_an_administrator_reads_but_does_not_run_liaison(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(reverse("liaison:point_detail", args=[self.in_a.pk])).status_code, 200)
        self.assertEqual(self.client.get(reverse("liaison:point_new")).status_code, 404)
        self.assertEqual(self.client.get(reverse("liaison:visit_new", args=[self.in_a.pk])).status_code, 404)
        self.assertEqual(LiaisonPoint.objects.count(), 2)

    def test_an_administrator_files_a_request_for_their_own_organization_only(self):
        self.login_as(self.w.admin_a)
        url = reverse("liaison:request_new")
        response = self.client.post(url, {"org": self.w.branch_b1.pk, "topic": "党章"})
        self.assertContains(response, "不在您的管理范围内")
        self.assertFalse(LectureRequest.objects.exists())
        self.client.post(url, {"org": self.w.branch_a1.pk, "topic": "党章"})
        req = LectureRequest.objects.get()
        self.assertEqual((req.org, req.requested_by), (self.w.branch_a1, self.w.admin_a))
        # … but cannot schedule it.
        self.assertEqual(self.client.get(reverse("liaison:request_schedule", args=[req.pk])).status_code, 404)

    def test_the_unvisited_page_keeps_to_the_viewers_subtree(self):
        services.visit_log(point=self.in_a, visited_on=self.in_a.started_on, found="x", today=self.in_a.started_on)
        self.login_as(self.w.admin_a)
        response = self.client.get(reverse("liaison:unvisited"), {"year": LAST_YEAR})
        names = [o.name for o in response.context["page"]]
        self.assertEqual(names, ["市财政局机关党委", "市财政局第二党支部"])
        self.login_as(self.w.staff)
        response = self.client.get(reverse("liaison:unvisited"), {"year": LAST_YEAR})
        self.assertEqual(response.context["found"].total, 6)  # A, A01, A02, B, B01 and the committee's office
        self.assertNotIn("市财政局第一党支部", [o.name for o in response.context["page"]])
        has_point = {o.name: o.has_point for o in response.context["page"]}
        self.assertTrue(has_point["市教育局第一党支部"])
        self.assertFalse(has_point["市教育局机关党委"])

    def test_a_member_and_an_outsider_see_nothing(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertEqual(self.client.get(reverse("liaison:points")).status_code, 404)
            self.assertEqual(self.client.get(reverse("liaison:lectures")).status_code, 404)
