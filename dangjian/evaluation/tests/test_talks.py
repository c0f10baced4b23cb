"""The formal-talk list: pending → talked (date, who, content, rectification) → closed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.evaluation import services
from dangjian.evaluation.models import Talk, TalkStatus

from .helpers import EvaluationTestCase


class TalkTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        r = self.make_round(evaluators=1)
        self.vote(r.evaluators.get(), B01="poor")
        services.round_close(round_=r)
        self.talk = Talk.objects.get()

    def record(self, **over):
        fields = dict(talked_on=timezone.localdate(), talked_by="工委常务副书记", content="指出问题，提出要求",
                      rectification="制定整改清单")  # fmt: skip
        return services.talk_record(talk=self.talk, **{**fields, **over}, by=self.w.staff)

    def test_recording_then_closing(self):
        self.assertEqual(self.talk.org.code, "B01")
        t = self.record()
        self.assertEqual(t.status, TalkStatus.TALKED)
        self.assertIsNotNone(t.talked_at)
        t = services.talk_close(talk=t, by=self.w.staff)
        self.assertEqual(t.status, TalkStatus.CLOSED)
        self.assertIsNotNone(t.closed_at)

    def test_closing_before_the_talk_is_refused(self):
        with self.assertRaises(Exception) as e:
            services.talk_close(talk=self.talk)
        self.assertEqual(codes_of(e.exception), {"talk_not_held"})

    def test_a_closed_talk_is_not_changed(self):
        services.talk_close(talk=self.record())
        with self.assertRaises(Exception) as e:
            self.record(content="改写")
        self.assertEqual(codes_of(e.exception), {"talk_closed"})

    def test_a_talk_in_the_future_or_without_content_is_refused(self):
        with self.assertRaises(Exception) as e:
            self.record(talked_on=timezone.localdate() + dt.timedelta(days=2))
        self.assertEqual(codes_of(e.exception), {"talk_in_future"})
        with self.assertRaises(Exception) as e:
            self.record(content=" ")
        self.assertEqual(codes_of(e.exception), {"talk_incomplete"})
        self.talk.refresh_from_db()
        self.assertEqual(self.talk.status, TalkStatus.PENDING)

    def test_committee_staff_record_on_the_page_and_an_org_admin_only_reads(self):
        self.login_as(self.w.admin_b)
        self.assertContains(self.client.get("/evaluation/talks/"), "吴书记")
        self.assertEqual(self.client.get(f"/evaluation/talks/{self.talk.pk}/").status_code, 404)
        self.login_as(self.w.admin_a)
        self.assertNotContains(self.client.get("/evaluation/talks/"), "吴书记")
        self.login_as(self.w.staff)
        r = self.client.post(
            f"/evaluation/talks/{self.talk.pk}/",
            {"talked_on": f"{timezone.localdate():%Y-%m-%d}", "talked_by": "组织部部长", "content": "约谈"},
        )
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.client.post(f"/evaluation/talks/{self.talk.pk}/close/").status_code, 302)
        self.talk.refresh_from_db()
        self.assertEqual(self.talk.status, TalkStatus.CLOSED)
