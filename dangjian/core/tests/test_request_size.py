"""A request body above MAX_REQUEST_BYTES is refused before it is read (issue 10 §3: upload sizes).

Django caps form fields but not files: a huge multipart POST, even anonymous, was
streamed into temporary files by the CSRF check before any view saw its size.
"""

from __future__ import annotations

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import override_settings
from django.urls import reverse

from dangjian.core.models import ImportJob
from dangjian.core.testing import BaseTestCase

MB = 1024 * 1024
NOT_READ = mock.patch.object(TemporaryFileUploadHandler, "new_file", side_effect=AssertionError("body read"))


class RequestSizeTests(BaseTestCase):
    def declared(self, path: str, size: int):
        """A POST that says it carries SIZE bytes (the test client sends a few)."""
        return self.client.post(path, {"x": "1"}, CONTENT_LENGTH=str(size))

    def test_an_anonymous_post_of_gigabytes_is_refused_unread_in_chinese(self):
        with NOT_READ:
            response = self.declared("/accounts/login/", 5 * 1024 * MB)
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "提交的内容过大（超过 64 MB），未保存任何内容", status_code=413)

    def test_the_api_answers_in_json(self):
        self.login_as(self.w.staff)
        response = self.declared("/api/v1/publicity/scan", 65 * MB)
        self.assertEqual(response.status_code, 413)
        self.assertIn("提交的内容过大", response.json()["detail"])

    @override_settings(MAX_REQUEST_BYTES=1 * MB)
    def test_a_body_within_the_limit_goes_through_to_the_uploads_own_check(self):
        self.login_as(self.w.staff)
        small = SimpleUploadedFile("名册.xlsx", b"PK" + b"\0" * (MB // 2))
        response = self.client.post(reverse("people:import"), {"file": small})
        self.assertContains(response, "文件不是有效的 Excel")  # the import's own answer about the file

    @override_settings(MAX_REQUEST_BYTES=1 * MB)
    def test_a_real_upload_above_the_deployments_limit_stages_nothing(self):
        self.login_as(self.w.staff)
        big = SimpleUploadedFile("名册.xlsx", b"PK" + b"\0" * (2 * MB))
        with NOT_READ:
            response = self.client.post(reverse("people:import"), {"file": big})
        self.assertContains(response, "超过 1 MB", status_code=413)
        self.assertFalse(ImportJob.objects.exists())


class NulInAddressTests(BaseTestCase):
    """?q=%00 reached the database, where PostgreSQL refuses a NUL: a 500 instead of a message."""

    def test_a_search_with_a_nul_gets_a_chinese_400(self):
        self.login_as(self.w.staff)
        response = self.client.get(reverse("orgs:tree"), {"q": "支部\x00"})
        self.assertContains(response, "地址中含有无效字符", status_code=400)

    def test_an_ordinary_search_is_untouched(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get(reverse("orgs:tree"), {"q": "支部"}).status_code, 200)
