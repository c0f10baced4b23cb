"""A central-group session's lifecycle: planned → held or cancelled, a status plus `held_at` / `cancelled_at`."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.study.errors import HeldNotCancellable, SessionAlreadyCancelled, SessionCancelled
from dangjian.study.models import Mark, Session, SessionStatus
from dangjian.study.services import central_group as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class SessionLifecycleTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.group_a = self.group(members=[self.w.person_a])
        self.session = services.session_plan(
            group=self.group_a, held_on=self.today - dt.timedelta(days=1), topic="学习党章", by=None
        )

    def record(self, session=None):
        return services.session_record(
            session=session or self.session, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None
        )

    def test_a_planned_session_has_neither_timestamp(self):
        self.assertEqual(self.session.status, SessionStatus.PLANNED)
        self.assertIsNone(self.session.held_at)
        self.assertIsNone(self.session.cancelled_at)

    def test_recording_everyone_holds_it_once_and_keeps_the_first_time(self):
        self.record()
        held = Session.objects.get(pk=self.session.pk)
        self.assertEqual(held.status, SessionStatus.HELD)
        self.assertIsNotNone(held.held_at)
        self.record(held)  # a correction of the marks later
        self.assertEqual(Session.objects.get(pk=self.session.pk).held_at, held.held_at)

    def test_cancelling_a_planned_session_sets_the_status_and_the_time(self):
        self.login_as(self.w.admin_a)
        r = self.client.post(reverse("study:session_cancel", args=[self.session.pk]), follow=True)
        self.assertContains(r, "已取消该次学习")
        cancelled = Session.objects.get(pk=self.session.pk)
        self.assertEqual(cancelled.status, SessionStatus.CANCELLED)
        self.assertIsNotNone(cancelled.cancelled_at)
        self.assertIsNone(cancelled.held_at)

    def test_a_held_session_cannot_be_cancelled(self):
        self.record()
        with self.assertRaises(HeldNotCancellable) as cm:
            services.session_cancel(session=self.session, by=None)
        self.assertEqual(codes_of(cm.exception), {"session_held"})
        self.assertIsNone(Session.objects.get(pk=self.session.pk).cancelled_at)

    def test_cancelling_twice_is_refused_and_keeps_the_first_time(self):
        services.session_cancel(session=self.session, by=None)
        first = Session.objects.get(pk=self.session.pk).cancelled_at
        with self.assertRaises(SessionAlreadyCancelled) as cm:
            services.session_cancel(session=self.session, by=None)
        self.assertEqual(codes_of(cm.exception), {"session_already_cancelled"})
        self.assertEqual(Session.objects.get(pk=self.session.pk).cancelled_at, first)

    def test_a_cancelled_session_is_never_held(self):
        services.session_cancel(session=self.session, by=None)
        with self.assertRaises(SessionCancelled) as cm:
            self.record()
        self.assertEqual(codes_of(cm.exception), {"session_cancelled"})
        self.assertEqual(Session.objects.get(pk=self.session.pk).status, SessionStatus.CANCELLED)
