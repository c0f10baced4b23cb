"""Issue 10 §2: refusals are audited, but a burst from one account is summarized, not written 10,000 times."""

import datetime as dt
from unittest import mock

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from dangjian.core import audit
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase


@override_settings(AUDIT_DENIALS_PER_MINUTE=5)
class DenialBurstTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        cache.delete(audit._BURSTS_KEY)
        self.addCleanup(cache.delete, audit._BURSTS_KEY)

    def sweep(self, user, count, address="10.9.9.9"):
        self.login_as(user)
        for _ in range(count):
            response = self.client.get(f"/members/{self.w.person_b.pk}/", REMOTE_ADDR=address)
            self.assertEqual(response.status_code, 404)

    def later(self, minutes=2):
        return mock.patch.object(audit, "_now", lambda: timezone.now() + dt.timedelta(minutes=minutes))

    def test_a_burst_is_written_up_to_the_limit_then_summarized_with_its_count(self):
        self.sweep(self.w.admin_a, 30)
        denied = AuditEntry.objects.filter(event="denied", actor=self.w.admin_a)
        self.assertEqual(denied.count(), 5)
        self.assertFalse(AuditEntry.objects.filter(event="denied_burst").exists())  # the burst is not over yet
        with self.later():
            audit.record(audit.Event.EXPORT, actor=self.w.staff, target=AuditEntry, object_pk="", data={})
        summary = AuditEntry.objects.get(event="denied_burst")
        self.assertEqual(summary.actor, self.w.admin_a)
        self.assertEqual(summary.additional_data["count"], 25)
        self.assertEqual(summary.additional_data["route"], "people:detail")
        self.assertEqual(summary.remote_addr, "10.9.9.9")
        self.assertIn("25", summary.object_repr)

    def test_each_account_and_each_route_has_its_own_limit(self):
        self.sweep(self.w.admin_a, 8)
        self.sweep(self.w.member, 3)
        self.login_as(self.w.admin_a)
        self.client.get(f"/orgs/{self.w.org_b.code}/")
        self.assertEqual(AuditEntry.objects.filter(event="denied", actor=self.w.member).count(), 3)
        self.assertEqual(AuditEntry.objects.filter(event="denied", actor=self.w.admin_a).count(), 6)

    def test_after_a_quiet_minute_refusals_are_written_in_full_again(self):
        self.sweep(self.w.admin_a, 7)
        with self.later():
            self.sweep(self.w.admin_a, 1)
        self.assertEqual(AuditEntry.objects.filter(event="denied", actor=self.w.admin_a).count(), 6)
        self.assertEqual(AuditEntry.objects.get(event="denied_burst").additional_data["count"], 2)

    @override_settings(AUDIT_DENIALS_PER_MINUTE=0)
    def test_no_limit_when_the_deployment_says_so(self):
        self.sweep(self.w.admin_a, 12)
        self.assertEqual(AuditEntry.objects.filter(event="denied", actor=self.w.admin_a).count(), 12)
