"""Materials go through Django's default storage (S3-compatible storage when S3_BUCKET is set):
nothing is written beside it on this machine's disk, and downloads read it back from there."""

import datetime as dt
import os

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dangjian.study.models import SessionMaterial
from dangjian.study.services import central_group as services

from .helpers import StudyTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
IN_MEMORY = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@override_settings(STORAGES=IN_MEMORY)
class MaterialStorageTests(StudyTestCase):
    def test_it_keeps_an_uploaded_material_in_the_default_storage_and_serves_it_from_there(self):
        group = self.group(members=[self.w.person_a])
        session = services.session_plan(
            group=group, held_on=self.today - dt.timedelta(days=1), topic="学习党章", by=None
        )
        self.login_as(self.w.admin_a)
        r = self.client.post(
            reverse("study:material_upload", args=[session.pk]),
            {"file": SimpleUploadedFile("学习材料.pdf", PDF, "application/pdf")},
            follow=True,
        )
        self.assertContains(r, "已上传学习材料：学习材料.pdf")
        material = SessionMaterial.objects.get()
        self.assertEqual(type(default_storage._wrapped).__name__, "InMemoryStorage")
        with default_storage.open(material.file.name, "rb") as f:
            self.assertEqual(f.read(), PDF)
        self.assertEqual([files for _, _, files in os.walk(self.media) if files], [])  # nothing on disk
        download = self.client.get(reverse("study:material_download", args=[material.pk]))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(b"".join(download.streaming_content), PDF)
