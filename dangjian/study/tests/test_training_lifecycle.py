"""A training class's lifecycle: scheduled → cancelled, kept as a status plus `cancelled_at`."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.study.errors import ClassCancelled
from dangjian.study.models import ClassStatus, TrainingClass
from dangjian.study.services import training as services

from .helpers import StudyTestCase


class TrainingLifecycleTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.k = self.klass(self_signup=True)

    def test_a_new_class_is_scheduled_with_no_cancellation_time(self):
        self.assertEqual(self.k.status, ClassStatus.SCHEDULED)
        self.assertIsNone(self.k.cancelled_at)
        self.assertFalse(self.k.is_cancelled)

    def test_cancelling_sets_the_status_and_the_time_and_is_audited(self):
        self.login_as(self.w.admin_a)
        r = self.client.post(reverse("study:class_cancel", args=[self.k.pk]), follow=True)
        self.assertContains(r, "已取消该培训班")
        self.k.refresh_from_db()
        self.assertEqual(self.k.status, ClassStatus.CANCELLED)
        self.assertIsNotNone(self.k.cancelled_at)
        entry = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(TrainingClass), object_pk=str(self.k.pk), event="update"
        ).latest("pk")
        self.assertEqual(entry.changes_dict["status"], ["scheduled", "cancelled"])
        self.assertEqual(entry.actor, self.w.admin_a)

    def test_a_cancelled_class_is_listed_as_cancelled_and_no_longer_upcoming(self):
        services.class_cancel(klass=self.k, by=self.w.admin_a)
        self.login_as(self.w.admin_a)
        url = reverse("study:classes")
        self.assertContains(self.client.get(url, {"phase": "cancelled"}), self.k.title)
        self.assertNotContains(self.client.get(url, {"phase": "upcoming"}), self.k.title)

    def test_cancelling_twice_is_refused_and_keeps_the_first_time(self):
        services.class_cancel(klass=self.k, by=None)
        first = TrainingClass.objects.get(pk=self.k.pk).cancelled_at
        with self.assertRaises(ClassCancelled) as cm:
            services.class_cancel(klass=TrainingClass.objects.get(pk=self.k.pk), by=None)
        self.assertEqual(codes_of(cm.exception), {"training_cancelled"})
        self.assertEqual(TrainingClass.objects.get(pk=self.k.pk).cancelled_at, first)

    def test_nobody_signs_up_for_a_cancelled_class(self):
        services.class_cancel(klass=self.k, by=None)
        with self.assertRaises(ClassCancelled):
            services.signup(klass=TrainingClass.objects.get(pk=self.k.pk), person=self.w.member.person, by=None)
        self.assertEqual(self.k.enrolments.count(), 0)

    def test_the_migration_marks_classes_with_a_cancellation_time_cancelled(self):
        services.class_cancel(klass=self.k, by=None)
        kept = self.klass(title="发展对象培训班")
        TrainingClass.objects.filter(pk=self.k.pk).update(status=ClassStatus.SCHEDULED)  # a row from before 0002
        migration = importlib.import_module("dangjian.study.migrations.0002_training_class_status")
        migration.cancelled_from_timestamp(apps, None)
        self.assertEqual(TrainingClass.objects.get(pk=self.k.pk).status, ClassStatus.CANCELLED)
        self.assertEqual(TrainingClass.objects.get(pk=kept.pk).status, ClassStatus.SCHEDULED)
