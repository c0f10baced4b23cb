import datetime as dt

from dangjian.core import crypto
from dangjian.core.testing import make_id_number
from dangjian.people.models import Member

from .helpers import RosterTestCase


class MemberEditTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.person = self.w.person_a
        self.url = f"/members/{self.person.pk}/edit/"
        self.digest = self.person.id_number_digest

    def form(self, **changes):
        p = self.person
        data = {
            "name": p.name,
            "gender": p.gender,
            "ethnicity": p.ethnicity,
            "birth_date": p.birth_date.isoformat(),
            "id_number": "",
            "phone": "",
            "education": p.education,
            "unit": p.unit_id or "",
            "job_title": p.job_title,
            "cadre_rank": p.cadre_rank,
            "status": p.status,
            "joined_party_on": p.joined_party_on.isoformat(),
        }
        data.update(changes)
        return data

    def assertUnchanged(self):
        fresh = Member.objects.get(pk=self.person.pk)
        self.assertEqual(fresh.id_number_digest, self.digest)
        self.assertEqual(fresh.job_title, "科员")
        self.assertEqual(fresh.name, "张建国")

    def test_an_admin_saves_a_change(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(self.url, self.form(job_title="副处长", cadre_rank="division"))
        self.assertRedirects(response, f"/members/{self.person.pk}/", fetch_redirect_response=False)
        fresh = Member.objects.get(pk=self.person.pk)
        self.assertEqual((fresh.job_title, fresh.cadre_rank), ("副处长", "division"))
        # Left blank, the stored numbers are kept.
        self.assertEqual(fresh.id_number, self.person.id_number)
        self.assertEqual(fresh.phone, self.person.phone)

    def test_the_form_never_contains_the_full_numbers(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(self.url)
        self.assertNotContains(response, self.person.id_number)
        self.assertNotContains(response, self.person.phone)
        self.assertContains(response, self.person.id_number_masked)

    def test_a_wrong_check_digit_is_shown_in_chinese_beside_the_field_and_nothing_changes(self):
        self.login_as(self.w.admin_a)
        good = make_id_number(self.person.birth_date)
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        response = self.client.post(self.url, self.form(id_number=bad, job_title="副处长"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"身份证号校验码错误（应为{good[17]}）")
        self.assertEqual(response.context["form"].errors["id_number"], [f"身份证号校验码错误（应为{good[17]}）"])
        self.assertContains(response, 'data-field-error="id_number"')
        self.assertContains(response, "is-invalid")
        self.assertUnchanged()

    def test_an_id_whose_birth_date_differs_from_the_one_given_is_refused(self):
        self.login_as(self.w.admin_a)
        other_day = make_id_number(dt.date(1991, 2, 3))
        response = self.client.post(self.url, self.form(id_number=other_day, job_title="副处长"))
        self.assertContains(response, "身份证号中的出生日期（1991-02-03）与填写的出生日期")
        self.assertUnchanged()

    def test_an_id_already_on_the_roster_is_refused(self):
        self.login_as(self.w.staff)
        other = self.w.person_b
        response = self.client.post(
            self.url,
            self.form(id_number=other.id_number, birth_date=other.birth_date.isoformat(), gender=other.gender),
        )
        self.assertContains(response, "该身份证号已登记在其他人员名下")
        self.assertUnchanged()

    def test_a_new_id_is_stored_encrypted_and_masked(self):
        self.login_as(self.w.admin_a)
        new = make_id_number(self.person.birth_date, serial=321)
        self.client.post(self.url, self.form(id_number=new))
        fresh = Member.objects.get(pk=self.person.pk)
        self.assertEqual(fresh.id_number, new)
        self.assertEqual(fresh.id_number_digest, crypto.digest(new))
        self.assertNotIn(new, fresh.id_number_enc)
        self.assertEqual(fresh.id_number_masked, new[:4] + "*" * 10 + new[-4:])

    def test_a_bad_phone_number_is_explained(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(self.url, self.form(phone="12345"))
        self.assertContains(response, "手机号应为以1开头的11位数字")

    def test_the_phone_number_can_be_removed(self):
        self.login_as(self.w.admin_a)
        self.client.post(self.url, self.form(clear_phone="on"))
        self.assertEqual(Member.objects.get(pk=self.person.pk).phone_masked, "")

    def test_a_member_cannot_edit_even_their_own_record(self):
        self.login_as(self.w.member)
        self.assertDeniedAndRecorded(self.client.get(self.url), self.w.member)
        self.client.post(self.url, self.form(job_title="局长"))
        self.assertUnchanged()

    def test_another_orgs_admin_and_an_outsider_get_a_recorded_404(self):
        for user in (self.w.admin_b, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.post(self.url, self.form(job_title="局长")), user)
        self.assertUnchanged()
