"""Certificates: the national fields, a unique number, the PDF (Chinese extractable), voiding."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from pypdf import PdfReader

from dangjian.core.models import AuditEntry
from dangjian.volunteer import services
from dangjian.volunteer.models import Certificate, ServiceRecord

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
        # The same records on the same day give the same certificate (below), so each is voided first.
        numbers = set()
        for _ in range(5):
            c = self.issue()
            numbers.add(c.number)
            services.certificate_revoke(certificate=c, reason="重新出具", by=self.w.staff)
        self.assertEqual(len(numbers), 5)

    def test_it_returns_the_certificate_already_issued_today_for_the_same_records(self):
        first = self.issue()
        again = self.issue()
        self.assertEqual(again.pk, first.pk)
        self.assertEqual(again.number, first.number)
        self.assertEqual(Certificate.objects.count(), 1)

    def test_it_returns_it_from_the_page_too_when_the_button_is_pressed_twice(self):
        self.login_as(self.w.member)
        for _ in range(2):
            self.client.post("/volunteer/my/certificates/issue/", {"year": ""})
        self.assertEqual(Certificate.objects.count(), 1)

    def test_it_issues_a_new_number_when_the_records_changed_the_same_day(self):
        first = self.issue()
        record = ServiceRecord.objects.filter(volunteer=self.volunteer).order_by("served_on").first()
        assert record is not None
        services.record_correct(record=record, hours=Decimal("2.50"), reason="补录签退", by=self.w.staff)
        second = self.issue()
        self.assertNotEqual(second.number, first.number)
        self.assertEqual(second.hours, Decimal("6.00"))

    def test_it_issues_a_new_number_for_another_period_or_after_voiding(self):
        first = self.issue()
        recent = services.certificate_issue(
            volunteer=self.volunteer, corps=self.corps, by=None,
            period_start=dt.date.today() - dt.timedelta(days=10), period_end=dt.date.today(),
        )  # fmt: skip
        self.assertNotEqual(recent.number, first.number)
        services.certificate_revoke(certificate=first, reason="信息有误", by=self.w.staff)
        self.assertNotEqual(self.issue().number, first.number)

    def test_it_covers_only_the_chosen_period(self):
        recent = services.certificate_issue(
            volunteer=self.volunteer, corps=self.corps, by=None,
            period_start=dt.date.today() - dt.timedelta(days=10), period_end=dt.date.today(),
        )  # fmt: skip
        self.assertEqual((recent.service_count, recent.hours), (1, Decimal("3.50")))
        with self.assertRefused("no_records", "没有已确认的志愿服务记录"):
            services.certificate_issue(
                volunteer=self.volunteer, corps=self.corps, by=None,
                period_start=dt.date(1990, 1, 1), period_end=dt.date(1990, 12, 31),
            )  # fmt: skip

    def test_it_refuses_when_the_corps_has_not_named_its_handler_and_contact(self):
        self.corps.handler_name = ""
        self.corps.save()
        with self.assertRefused("corps_incomplete", "证明经办人"):
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
        with self.assertRefused("already_revoked", "已作废"):
            services.certificate_revoke(certificate=c, reason="再来一次", by=self.w.staff)
