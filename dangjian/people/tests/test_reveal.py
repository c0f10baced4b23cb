from unittest import mock

from .helpers import RosterTestCase


class RevealTests(RosterTestCase):
    def url(self, person):
        return f"/members/{person.pk}/reveal/"

    def test_an_allowed_user_sees_the_full_numbers_and_the_reveal_is_recorded(self):
        self.login_as(self.w.admin_a)
        person = self.w.person_a
        response = self.client.post(self.url(person), HTTP_HX_REQUEST="true")
        self.assertContains(response, person.id_number)
        self.assertContains(response, person.phone)
        self.assertNotContains(response, "<html")
        self.assertIn("no-store", response["Cache-Control"])
        entry = self.audit("reveal").get()
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.object_pk, str(person.pk))
        self.assertEqual(entry.org_id, self.w.branch_a1.pk)

    def test_each_reveal_is_recorded(self):
        self.login_as(self.w.staff)
        self.client.post(self.url(self.w.person_a))
        self.client.post(self.url(self.w.person_a))
        self.assertEqual(self.audit("reveal").count(), 2)

    def test_without_htmx_it_shows_the_whole_page_with_the_full_numbers(self):
        self.login_as(self.w.staff)
        response = self.client.post(self.url(self.w.person_b))
        self.assertContains(response, "<html")
        self.assertContains(response, self.w.person_b.id_number)

    def test_a_member_may_reveal_their_own_numbers(self):
        self.login_as(self.w.member)
        self.assertContains(self.client.post(self.url(self.w.person_a)), self.w.person_a.id_number)
        self.assertEqual(self.audit("reveal").get().actor, self.w.member)

    def test_the_button_is_offered_to_allowed_users(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/members/{self.w.person_a.pk}/")
        self.assertContains(response, "显示完整")
        self.assertContains(response, f'hx-post="/members/{self.w.person_a.pk}/reveal/"')

    def test_another_orgs_admin_is_refused_with_a_recorded_404_and_no_reveal(self):
        self.login_as(self.w.admin_b)
        response = self.client.post(self.url(self.w.person_a))
        self.assertDeniedAndRecorded(response, self.w.admin_b)
        self.assertNotContains(response, self.w.person_a.id_number, status_code=404)
        self.assertFalse(self.audit("reveal").exists())

    def test_members_and_outsiders_cannot_reveal_someone_else(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.post(self.url(self.w.person_b)), user)
        self.assertFalse(self.audit("reveal").exists())

    def test_a_user_who_may_see_but_not_reveal_is_refused(self):
        self.login_as(self.w.staff)
        with mock.patch("dangjian.core.scoping.can_reveal_personal_data", return_value=False):
            response = self.client.post(self.url(self.w.person_a))
            self.assertDeniedAndRecorded(response, self.w.staff)
            page = self.client.get(f"/members/{self.w.person_a.pk}/")
        self.assertNotContains(page, "显示完整")
        self.assertFalse(self.audit("reveal").exists())

    def test_a_reveal_must_be_posted(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get(self.url(self.w.person_a)).status_code, 405)
        self.assertFalse(self.audit("reveal").exists())
