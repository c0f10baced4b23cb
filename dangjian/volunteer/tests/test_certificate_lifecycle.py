"""A certificate's lifecycle: issued (valid, issued_at) → voided (revoked, revoked_at), and the migration
that gave existing certificates their status."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone

from dangjian.volunteer import services
from dangjian.volunteer.models import Certificate, CertificateStatus

from .helpers import VolunteerTestCase, make_activity, record_for

migration = importlib.import_module("dangjian.volunteer.migrations.0002_certificate_status")


class CertificateLifecycleTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        record_for(make_activity(self.brigade_a, starts_in=-dt.timedelta(days=4)), self.w.person_a)
        volunteer = self.volunteer_of(self.w.person_a)
        self.certificate = services.certificate_issue(volunteer=volunteer, corps=self.corps, by=None)

    def test_it_is_valid_when_issued(self):
        c = self.certificate
        self.assertEqual(c.status, CertificateStatus.VALID)
        self.assertIsNotNone(c.issued_at)
        self.assertIsNone(c.revoked_at)
        self.assertTrue(c.is_valid)

    def test_it_is_revoked_with_a_timestamp_when_voided(self):
        services.certificate_revoke(certificate=self.certificate, reason="时长更正", by=self.w.staff)
        c = Certificate.objects.get(pk=self.certificate.pk)
        self.assertEqual(c.status, CertificateStatus.REVOKED)
        self.assertIsNotNone(c.revoked_at)
        self.assertFalse(c.is_valid)

    def test_the_migration_marks_certificates_voided_before_it_as_revoked(self):
        voided = Certificate.objects.filter(pk=self.certificate.pk)
        voided.update(revoked_at=timezone.now(), revoked_reason="旧数据")  # as before the status existed
        migration.status_from_revoked_at(apps, None)
        self.assertEqual(voided.get().status, CertificateStatus.REVOKED)

    def test_the_migration_leaves_valid_certificates_valid(self):
        migration.status_from_revoked_at(apps, None)
        self.assertEqual(Certificate.objects.get(pk=self.certificate.pk).status, CertificateStatus.VALID)
