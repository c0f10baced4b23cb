"""Certificates: the national fields, a unique number, the PDF (Chinese extractable), voiding."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from pypdf import PdfReader

from dangjian.core.models import AuditEntry
from dangjian.volunteer import services
from dangjian.volunteer.models import Certificate

from .helpers import VolunteerTestCase, make_activity, record_for


class CertificateTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        first = make_activity(self.brigade_a, starts_in=-dt.timedelta(days=30), title="文明交通劝导：人民路口")
        second = make_activity(
            self.brigade_a, starts_in=-dt.timedelta(days=3), kind="environment", title="环境整治：公园"
        )
        record_for(first, self.w.person_a, hours="2.00")
        record_for(second, self.w.person_a, hours="3.50")
        self.volunteer = self.volunteer_of(self.w.person_a)

    def issue(self) -> Certificate:
        return services.certificate_issue(volunteer=self.volunteer, corps=self.corps, by=self.w.member)

    def test_it_carries_the_fields_the_national_rules_list(self):
        c = self.issue()
        self.assertEqual(c.name, "张建国")
        self.assertEqual(c.id_type, "居民身份证")
        self.assertEqual(c.id_number, self.w.person_a.id_number)
        self.assertEqual(c.volunteer_number, self.volunteer.number)
        self.assertEqual((c.hours, c.service_count), (Decimal("5.50"), 2))
        self.assertIn("文明交通劝导1次2小时", c.content)
        self.assertIn("环境整治1次3.5小时", c.content)
        self.assertEqual(c.issuer_name, self.corps.name)
        self.assertEqual(c.person_in_charge, "钱总队长")
        self.assertEqual((c.handler, c.contact), ("王经办", "0471-6600000"))
        self.assertRegex(c.number, r"^ZM\d{4}[2-9A-HJKMNP-Z]{10}$")
        self.assertIsNotNone(c.issued_on)

    def test_it_gives_every_certificate_its_own_number(self):
        numbers = {self.issue().number for _ in range(5)}
        self.assertEqual(len(numbers), 5)

    def test_it_covers_only_the_chosen_period(self):
        recent = services.certificate_issue(
            volunteer=self.volunteer, corps=self.corps, by=None,
            period_start=dt.date.today() - dt.timedelta(days=10), period_end=dt.date.today(),
        )  # fmt: skip
        self.assertEqual((recent.service_count, recent.hours), (1, Decimal("3.50")))
        with self.assertRaisesMessage(ValidationError, "没有已确认的志愿服务记录"):
            services.certificate_issue(
                volunteer=self.volunteer, corps=self.corps, by=None,
                period_start=dt.date(1990, 1, 1), period_end=dt.date(1990, 12, 31),
            )  # fmt: skip

    def test_it_refuses_when_the_corps_has_not_named_its_handler_and_contact(self):
        self.corps.handler_name = ""
        self.corps.save()
        with self.assertRaisesMessage(ValidationError, "证明经办人"):
            self.issue()

    def test_it_lets_the_volunteer_print_their_own_from_their_page(self):
        self.login_as(self.w.member)
        response = self.client.post("/volunteer/my/certificates/issue/", {"year": ""}, follow=True)
        c = Certificate.objects.get()
        self.assertContains(response, f"编号 {c.number}")
        self.assertContains(response, f"/volunteer/certificates/{c.number}.pdf")

    def test_it_renders_a_pdf_whose_chinese_text_can_be_read_back(self):
        c = self.issue()
        self.login_as(self.w.member)
        response = self.client.get(f"/volunteer/certificates/{c.number}.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        flat = re.sub(r"\s+", "", text)
        for expected in (
            "志愿服务证明", "张建国", "居民身份证", self.w.person_a.id_number, self.volunteer.number, "5.5小时",
            self.corps.name, "钱总队长", "王经办", "0471-6600000", c.number, f"{c.issued_on.year}年",
        ):  # fmt: skip
            self.assertIn(expected, flat)

    def test_it_records_the_full_id_number_leaving_in_the_pdf(self):
        c = self.issue()
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(f"/volunteer/certificates/{c.number}.pdf").status_code, 200)
        entry = AuditEntry.objects.get(event="reveal")
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.additional_data["fields"], ["id_number"])

    def test_it_does_not_hand_the_pdf_to_an_administrator_of_another_organization(self):
        c = self.issue()
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/volunteer/certificates/{c.number}.pdf").status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(event="reveal").exists())

    def test_it_lets_committee_staff_void_a_certificate_with_a_reason(self):
        c = self.issue()
        self.login_as(self.w.staff)
        self.client.post(f"/volunteer/certificates/{c.number}/revoke/", {"reason": "服务时长更正后重开"})
        c.refresh_from_db()
        self.assertFalse(c.is_valid)
        self.assertEqual((c.revoked_reason, c.revoked_by), ("服务时长更正后重开", self.w.staff))
        with self.assertRaisesMessage(ValidationError, "已作废"):
            services.certificate_revoke(certificate=c, reason="再来一次", by=self.w.staff)
