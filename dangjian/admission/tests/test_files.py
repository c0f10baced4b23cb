"""A step's documents (谈话记录, 政审材料, 计票单扫描件 …) and the application letter: checked by the
platform's upload rules (type from the bytes, size capped), read only by those who see the person, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from dangjian.admission import services
from dangjian.admission.models import Case, CaseFile, Step
from dangjian.admission.services import StepData
from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry

from .helpers import AdmissionTestCase, K, adult_id, media, pdf


class StepFileTests(AdmissionTestCase):
    def setUp(self) -> None:
        super().setUp()
        media(self)
        self.today = timezone.localdate()
        self.case = services.case_open(
            org=self.w.branch_a1, name="孙悦", id_number=adult_id(), applied_on=self.today - dt.timedelta(days=10)
        )

    def talk(self, *files):
        return services.step_record(
            case=self.case, kind=K.TALK, done_on=self.today, data=StepData(note="谈话"), files=list(files)
        )

    def refused_upload(self, code: str, *files) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.talk(*files)
        self.assertEqual(codes_of(caught.exception), {code})
        self.assertEqual((Step.objects.count(), CaseFile.objects.count()), (0, 0))

    def test_it_keeps_the_files_of_a_step_and_shows_them_on_the_case(self):
        step = self.talk(pdf("谈话记录.pdf"), SimpleUploadedFile("补充.txt", "谈话补充说明".encode()))
        self.assertEqual(sorted(f.name for f in step.files.all()), ["补充.txt", "谈话记录.pdf"])
        self.login_as(self.w.admin_a)
        page = self.client.get(f"/admission/cases/{self.case.pk}/").content.decode()
        self.assertIn("谈话记录.pdf", page)

    def test_a_renamed_web_page_is_refused_and_nothing_is_written(self):
        self.refused_upload("upload_mismatch", pdf(), SimpleUploadedFile("计票单.pdf", b"<html><script>x</script>"))

    def test_an_executable_type_is_refused(self):
        self.refused_upload("upload_type", SimpleUploadedFile("材料.exe", b"MZ\x90\x00"))

    @override_settings(DANGJIAN={"admission": {"file_max_bytes": 100}})
    def test_a_file_over_the_cap_is_refused(self):
        self.refused_upload("upload_too_large", pdf(body=b"0" * 200))

    @override_settings(DANGJIAN={"admission": {"max_files_per_step": 2}})
    def test_more_files_than_a_step_keeps_are_refused(self):
        self.refused_upload("too_many_files", pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"))

    def test_only_those_who_see_the_person_download_and_each_download_is_audited(self):
        item = self.talk(pdf(body=b"the talk")).files.get()
        url = f"/admission/files/{item.pk}/"
        self.login_as(self.w.admin_a)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"".join(response.streaming_content).endswith(b"the talk"))
        entry = AuditEntry.objects.filter(event="export", object_pk=str(item.pk)).get()
        self.assertEqual((entry.actor, entry.additional_data["person"]), (self.w.admin_a, "孙悦"))
        for outsider in (self.w.admin_b, self.w.member):
            self.login_as(outsider)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="export").count(), 1)

    def test_the_step_page_uploads_and_explains_a_refused_file(self):
        self.login_as(self.w.admin_a)
        url = f"/admission/cases/{self.case.pk}/steps/talk/"
        bad = SimpleUploadedFile("谈话记录.pdf", b"GIF89a")
        response = self.client.post(url, {"done_on": self.today.isoformat(), "note": "谈话", "files": [bad]})
        self.assertContains(response, "内容与扩展名不符")
        self.assertEqual(Step.objects.count(), 0)
        response = self.client.post(url, {"done_on": self.today.isoformat(), "note": "谈话", "files": [pdf()]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Step.objects.get().files.get().name, "谈话记录.pdf")


class ApplicationLetterTests(AdmissionTestCase):
    def setUp(self) -> None:
        super().setUp()
        media(self)

    def test_the_application_letter_is_received_with_the_case(self):
        self.login_as(self.w.admin_a)
        today = timezone.localdate()
        response = self.client.post(
            "/admission/cases/new/",
            {
                "org": self.w.branch_a1.pk, "name": "孙悦", "id_number": adult_id(), "ethnicity": "汉族",
                "applied_on": today.isoformat(), "files": [pdf("入党申请书.pdf")],
            },
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        item = CaseFile.objects.get()
        self.assertEqual((item.name, item.step), ("入党申请书.pdf", None))
        self.assertContains(self.client.get(response["Location"]), "入党申请书.pdf")

    def test_a_bad_letter_refuses_the_application(self):
        with self.assertRaises(ValidationError) as caught:
            services.case_open(
                org=self.w.branch_a1, name="孙悦", id_number=adult_id(), applied_on=dt.date(2024, 1, 1),
                files=[SimpleUploadedFile("入党申请书.docx", b"%PDF-1.4")],
            )  # fmt: skip
        self.assertEqual(codes_of(caught.exception), {"upload_mismatch"})
        self.assertEqual((Case.objects.count(), CaseFile.objects.count()), (0, 0))
