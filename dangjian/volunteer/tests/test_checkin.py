"""Check-in and check-out by scanning the activity's QR code on the member's phone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangjian.volunteer import services
from dangjian.volunteer.models import Participation

from .helpers import VolunteerTestCase, make_activity, people


class CheckinTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        # Started ten minutes ago, two hours long; person_a holds a place.
        self.running = make_activity(self.brigade_a, starts_in=-dt.timedelta(minutes=10), hours=2)
        services.volunteer_register(member=self.w.person_a)
        self.mine = Participation.objects.create(
            activity=self.running, volunteer=self.volunteer_of(self.w.person_a), status="confirmed", seq=1,
            signed_up_at=self.running.starts_at - dt.timedelta(days=1),
        )  # fmt: skip
        self.url = f"/volunteer/checkin/{self.running.checkin_token}/"
        self.login_as(self.w.member)

    def test_it_checks_in_on_the_first_scan_and_out_on_the_second(self):
        self.assertContains(self.client.get(self.url), ">签到</button>")
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "签到成功")
        self.assertContains(response, ">签退</button>")
        self.client.post(self.url)
        self.mine.refresh_from_db()
        self.assertIsNotNone(self.mine.checked_in_at)
        self.assertIsNotNone(self.mine.checked_out_at)
        self.assertIsNone(self.mine.marked_by)  # the volunteer's own scan
        # Checked in after the start and out a moment later: well under the half-hour step.
        self.assertEqual(self.mine.hours, Decimal("0.00"))

    def test_it_refuses_a_third_scan(self):
        self.client.post(self.url)
        self.client.post(self.url)
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "您已签到并签退")

    def test_it_does_not_open_check_in_hours_before_the_start(self):
        later = make_activity(self.brigade_a, starts_in=dt.timedelta(hours=5))
        services.signup(activity_id=later.pk, member=self.w.person_a)
        with self.assertRefused("checkin_not_open", "签到将于"):
            services.check_in_or_out(activity=later, member=self.w.person_a)

    def test_it_refuses_someone_on_the_waiting_list(self):
        waiting = people(self.w.branch_a1, 1)[0]
        services.volunteer_register(member=waiting)
        Participation.objects.create(
            activity=self.running, volunteer=self.volunteer_of(waiting), status="waiting", seq=2,
            signed_up_at=self.running.starts_at,
        )  # fmt: skip
        with self.assertRefused("no_place", "没有该活动的名额"):
            services.check_in_or_out(activity=self.running, member=waiting)

    def test_it_answers_an_unknown_code_with_a_recorded_404(self):
        from dangjian.core.models import AuditEntry

        self.assertEqual(self.client.get("/volunteer/checkin/not-a-code/").status_code, 404)
        self.assertTrue(AuditEntry.objects.filter(event="denied").exists())
