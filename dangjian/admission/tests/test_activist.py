"""入党积极分子: two full-member contact persons; the person goes on the roster as an activist."""

from __future__ import annotations

from dangjian.people.models import Status

from .helpers import AdmissionTestCase, D, K, Stage, person


class ActivistTests(AdmissionTestCase):
    def talked(self):
        case = self.open()
        self.step(case, K.TALK, D(2022, 3, 20), note="谈话")
        return case

    def test_it_needs_two_contact_persons(self):
        self.refused({"contacts_invalid"}, self.talked(), K.ACTIVIST, D(2022, 4, 10), people=self.full[:1])

    def test_the_two_contact_persons_are_different_people(self):
        case = self.talked()
        self.refused({"contacts_invalid"}, case, K.ACTIVIST, D(2022, 4, 10), people=[self.full[0], self.full[0]])

    def test_a_probationary_member_is_no_contact_person(self):
        case = self.talked()
        self.refused({"contacts_invalid"}, case, K.ACTIVIST, D(2022, 4, 10), people=[self.full[0], self.prob])

    def test_a_person_off_the_roster_is_put_on_it_as_an_activist(self):
        case = self.to_activist(self.open())
        self.assertIsNotNone(case.member)
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.org), (Status.ACTIVIST, self.w.branch_a1))
        self.assertEqual(case.member.id_number, case.id_number)
        self.assertEqual(set(case.steps.get(kind=K.ACTIVIST).people.all()), set(self.full[:2]))

    def test_a_non_party_cadre_becomes_an_activist_on_the_roster(self):
        cadre = person(name="冯六", org=self.w.branch_a1, status=Status.NON_PARTY)
        case = self.to_activist(self.open(name="冯六", id_number=cadre.id_number))
        cadre.refresh_from_db()
        self.assertEqual((cadre.status, case.member), (Status.ACTIVIST, cadre))
        self.assertEqual(case.stage, Stage.ACTIVIST)
