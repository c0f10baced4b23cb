"""The public page that checks a certificate number: valid or void, and nothing else about the person."""

from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase

from dangjian.volunteer import services
from dangjian.volunteer.masking import mask_name

from .helpers import VolunteerTestCase, make_activity, record_for


class MaskNameTests(SimpleTestCase):
    def test_it_keeps_the_first_and_last_character(self):
        self.assertEqual(mask_name("张建国"), "张*国")
        self.assertEqual(mask_name("欧阳修文"), "欧**文")

    def test_it_hides_the_given_name_of_a_two_character_name(self):
        self.assertEqual(mask_name("李娜"), "李*")


class VerifyTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        record_for(make_activity(self.brigade_a, starts_in=-dt.timedelta(days=3)), self.w.person_a, hours="2.50")
        volunteer = self.volunteer_of(self.w.person_a)
        self.certificate = services.certificate_issue(volunteer=volunteer, corps=self.corps, by=None)

    def check(self, number: str) -> str:
        self.client.logout()
        response = self.client.get("/volunteer/verify/", {"number": number})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_confirms_a_valid_certificate_to_anyone(self):
        page = self.check(self.certificate.number)
        self.assertIn("证明有效", page)
        self.assertIn("张*国", page)
        self.assertIn("2.5 小时", page)
        self.assertIn(self.corps.name, page)

    def test_it_shows_nothing_else_about_the_person(self):
        page = self.check(self.certificate.number)
        for private in ("张建国", self.w.person_a.id_number, self.w.person_a.id_number_masked,
                        self.certificate.volunteer_number, self.w.person_a.org.name, "文明交通劝导"):  # fmt: skip
            self.assertNotIn(private, page)

    def test_it_accepts_the_number_typed_in_lower_case_with_spaces(self):
        typed = " ".join(self.certificate.number.lower()[i : i + 4] for i in range(0, 16, 4))
        self.assertIn("证明有效", self.check(typed))

    def test_it_says_when_a_certificate_was_voided(self):
        services.certificate_revoke(certificate=self.certificate, reason="重开", by=self.w.staff)
        page = self.check(self.certificate.number)
        self.assertIn("已作废", page)
        self.assertNotIn("证明有效", page)

    def test_it_says_when_no_certificate_has_the_number(self):
        self.assertIn("未找到", self.check("ZM2025XXXXXXXXXX"))
