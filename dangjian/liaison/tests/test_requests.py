"""Lecture requests (点单): requested → scheduled → held, or declined with a reason."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.liaison import services
from dangjian.liaison.models import LectureRequest, MobileLecture, RequestStatus

from .helpers import TODAY, LiaisonTestCase, day


class RequestTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        self.req = services.request_file(org=self.w.branch_a1, topic="发展党员工作细则", by=self.w.admin_a)

    def test_a_request_is_filed_scheduled_and_held(self):
        self.assertEqual((self.req.status, self.req.requested_by), (RequestStatus.REQUESTED, self.w.admin_a))
        lecture = services.lecture_create(
            topic=self.req.topic, lecturer="王教授", org=self.w.branch_a1, held_on=day(6), request=self.req
        )
        self.req.refresh_from_db()
        self.assertEqual((self.req.status, self.req.lecture), (RequestStatus.SCHEDULED, lecture))
        self.assertIsNotNone(self.req.scheduled_at)
        self.assertIsNone(self.req.held_at)
        services.lecture_mark_held(lecture=lecture, today=TODAY)
        self.req.refresh_from_db()
        self.assertEqual(self.req.status, RequestStatus.HELD)
        self.assertIsNotNone(self.req.held_at)

    def test_a_request_is_declined_with_a_reason_and_then_closed(self):
        with self.assertRaises(Exception) as refused:
            services.request_decline(request=self.req, reason=" ")
        self.assertEqual(codes_of(refused.exception), {"reason_missing"})
        declined = services.request_decline(request=self.req, reason="本季度已排满")
        self.assertEqual((declined.status, declined.decline_reason), (RequestStatus.DECLINED, "本季度已排满"))
        self.assertIsNotNone(declined.declined_at)
        with self.assertRaises(Exception) as refused:
            services.lecture_create(topic="x", lecturer="y", org=self.w.branch_a1, held_on=day(6), request=self.req)
        self.assertEqual(codes_of(refused.exception), {"request_not_open"})
        self.assertFalse(MobileLecture.objects.exists())

    def test_a_scheduled_lecture_goes_to_the_requesting_organization(self):
        with self.assertRaises(Exception) as refused:
            services.lecture_create(topic="x", lecturer="y", org=self.w.branch_b1, held_on=day(6), request=self.req)
        self.assertEqual(codes_of(refused.exception), {"org_not_in_committee"})
        self.assertEqual(LectureRequest.objects.get().status, RequestStatus.REQUESTED)

    def test_it_refuses_a_request_without_a_topic(self):
        with self.assertRaises(Exception) as refused:
            services.request_file(org=self.w.branch_a1, topic="")
        self.assertEqual(codes_of(refused.exception), {"topic_missing"})
