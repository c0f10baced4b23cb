import datetime as dt
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.core.uploads import UploadRefused
from dangjian.study.models import SessionMaterial
from dangjian.study.services import central_group as services

from .helpers import StudyTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


class MaterialTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        group = self.group(members=[self.w.person_a])
        self.session = services.session_plan(
            group=group, held_on=self.today - dt.timedelta(days=1), topic="学习党章", by=None
        )
        self.login_as(self.w.admin_a)

    def upload(self, name, content, content_type="application/octet-stream"):
        return self.client.post(
            reverse("study:material_upload", args=[self.session.pk]),
            {"file": SimpleUploadedFile(name, content, content_type)},
            follow=True,
        )

    def test_a_pdf_is_kept_under_media_root_with_a_name_of_its_own(self):
        r = self.upload("学习材料.pdf", PDF, "application/pdf")
        self.assertContains(r, "已上传学习材料：学习材料.pdf")
        material = SessionMaterial.objects.get()
        self.assertTrue(material.file.path.startswith(self.media))
        self.assertTrue(os.path.exists(material.file.path))
        self.assertNotIn("学习材料", material.file.name)

    def test_an_executable_is_refused(self):
        r = self.upload("setup.exe", b"MZ\x90\x00")
        self.assertContains(r, "不支持“.exe”类型的文件")
        self.assertFalse(SessionMaterial.objects.exists())

    def test_a_file_whose_content_does_not_match_its_name_is_refused(self):
        r = self.upload("讲话.pdf", b"MZ\x90\x00 this is not a pdf")
        self.assertContains(r, "内容与扩展名不符")
        self.assertFalse(SessionMaterial.objects.exists())

    @override_settings(DANGJIAN={"study": {"material_max_bytes": 10}})
    def test_a_file_over_the_size_limit_is_refused(self):
        self.assertContains(self.upload("a.pdf", PDF), "文件过大")
        self.assertFalse(SessionMaterial.objects.exists())

    def test_an_executable_renamed_pdf_is_refused_by_its_bytes(self):
        with self.assertRaises(UploadRefused) as caught:
            services.material_add(
                session=self.session, uploaded=SimpleUploadedFile("通知.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64), by=None
            )
        self.assertEqual(codes_of(caught.exception), {"upload_mismatch"})
        self.assertFalse(SessionMaterial.objects.exists())

    @override_settings(DANGJIAN={"study": {"material_max_bytes": 10}})
    def test_the_service_refuses_an_oversize_file_with_a_code(self):
        with self.assertRaises(UploadRefused) as caught:
            services.material_add(session=self.session, uploaded=SimpleUploadedFile("a.pdf", PDF), by=None)
        self.assertEqual(codes_of(caught.exception), {"upload_too_large"})
        self.assertFalse(SessionMaterial.objects.exists())

    def test_an_empty_file_is_refused(self):
        with self.assertRaises(UploadRefused) as caught:
            services.material_add(session=self.session, uploaded=SimpleUploadedFile("a.pdf", b""), by=None)
        self.assertEqual(codes_of(caught.exception), {"upload_empty"})

    def test_an_invited_member_downloads_it(self):
        self.upload("学习材料.pdf", PDF, "application/pdf")
        material = SessionMaterial.objects.get()
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:material_download", args=[material.pk]))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(b"".join(r.streaming_content), PDF)
        self.assertIn("attachment", r["Content-Disposition"])

    def test_someone_out_of_scope_gets_a_recorded_404(self):
        self.upload("学习材料.pdf", PDF, "application/pdf")
        material = SessionMaterial.objects.get()
        self.login_as(self.w.admin_b)
        r = self.client.get(reverse("study:material_download", args=[material.pk]))
        self.assertEqual(r.status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="denied", org=self.w.org_a).count(), 1)
