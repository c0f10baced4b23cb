"""Receiving an application: who may apply, and where."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from dangjian.admission import services
from dangjian.admission.models import Case, Stage
from dangjian.core.errors import codes_of
from dangjian.people.models import Status

from .helpers import APPLIED, TODAY, AdmissionTestCase, D, adult_id, person


class CaseOpenTests(AdmissionTestCase):
    def assertRefused(self, code: str, **kwargs) -> None:
        fields: dict[str, Any] = {
            "org": self.w.branch_a1,
            "name": "孙悦",
            "id_number": adult_id(),
            "applied_on": APPLIED,
        }
        fields.update(kwargs)
        with self.assertRaises(ValidationError) as caught:
            services.case_open(**fields, today=TODAY)
        self.assertEqual(codes_of(caught.exception), {code})
        self.assertEqual(Case.objects.count(), 0)

    def test_it_opens_an_applicant_case_with_the_id_number_encrypted(self):
        case = self.open()
        self.assertEqual(case.stage, Stage.APPLICANT)
        self.assertEqual(case.id_number, adult_id())
        self.assertNotIn(adult_id(), case.id_number_enc)
        self.assertEqual(case.id_number_masked[:4], adult_id()[:4])
        self.assertIn("*", case.id_number_masked)
        self.assertEqual((case.birth_date, case.gender), (D(1998, 5, 1), "M"))
        self.assertIsNone(case.member)

    def test_it_links_a_non_party_cadre_of_the_roster(self):
        cadre = person(name="冯六", org=self.w.branch_a1, status=Status.NON_PARTY)
        case = self.open(name="冯六", id_number=cadre.id_number)
        self.assertEqual(case.member, cadre)

    def test_it_refuses_an_applicant_under_the_minimum_age(self):
        self.assertRefused("applicant_under_age", id_number=adult_id(born=D(2004, 3, 2)), applied_on=D(2022, 3, 1))

    def test_an_applicant_is_eighteen_on_the_birthday(self):
        case = self.open(id_number=adult_id(born=D(2004, 3, 1)), applied_on=D(2022, 3, 1))
        self.assertEqual(case.stage, Stage.APPLICANT)

    def test_it_refuses_a_malformed_id_number(self):
        self.assertRefused("id_number_invalid", id_number="11010519491231002Y")

    def test_it_refuses_an_application_dated_in_the_future(self):
        self.assertRefused("step_in_future", applied_on=D(2025, 6, 2))

    def test_only_a_branch_receives_applications(self):
        self.assertRefused("not_a_branch", org=self.w.org_a)

    def test_it_refuses_a_second_open_case_of_the_same_person(self):
        self.open()
        with self.assertRaises(ValidationError) as caught:
            self.open(org=self.w.branch_a2)
        self.assertEqual(codes_of(caught.exception), {"case_already_open"})
        self.assertEqual(Case.objects.count(), 1)

    def test_it_refuses_a_party_member(self):
        self.assertRefused("already_party_member", id_number=self.full[0].id_number)

    def test_it_refuses_a_blank_name(self):
        self.assertRefused("name_missing", name="  ")
