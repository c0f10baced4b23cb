"""After confirmation only the committee corrects a record, and the correction is kept beside it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangjian.volunteer.models import RecordCorrection, ServiceRecord

from .helpers import VolunteerTestCase, make_activity, record_for


class RecordCorrectionTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        past = make_activity(self.brigade_a, starts_in=-dt.timedelta(days=5))
        self.record = record_for(past, self.w.person_a, hours="2.00")
        self.url = f"/volunteer/records/{self.record.pk}/correct/"

    def test_it_lets_committee_staff_correct_with_a_reason(self):
        self.login_as(self.w.staff)
        response = self.client.post(self.url, {"hours": "2.5", "reason": "签退时间登记有误"}, follow=True)
        self.assertContains(response, "记录已更正")
        self.record.refresh_from_db()
        self.assertEqual(self.record.hours, Decimal("2.50"))
        correction = RecordCorrection.objects.get()
        self.assertEqual((correction.old_hours, correction.new_hours), (Decimal("2.00"), Decimal("2.50")))
        self.assertEqual((correction.reason, correction.corrected_by), ("签退时间登记有误", self.w.staff))
        self.assertContains(response, "签退时间登记有误")  # shown beside the record

    def test_it_requires_a_reason(self):
        self.login_as(self.w.staff)
        self.client.post(self.url, {"hours": "3", "reason": ""})
        self.assertFalse(RecordCorrection.objects.exists())
        self.assertEqual(ServiceRecord.objects.get().hours, Decimal("2.00"))

    def test_it_refuses_the_organization_administrator_and_the_volunteer(self):
        for user in (self.w.admin_a, self.w.member):
            self.login_as(user)
            self.assertEqual(self.client.post(self.url, {"hours": "9", "reason": "多记一点"}).status_code, 404)
        self.assertEqual(ServiceRecord.objects.get().hours, Decimal("2.00"))
