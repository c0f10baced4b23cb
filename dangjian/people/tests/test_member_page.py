import datetime as dt

from dangjian.people import services
from dangjian.people.models import PostTitle

from .helpers import RosterTestCase


class MemberPageScopingTests(RosterTestCase):
    def url(self, person):
        return f"/members/{person.pk}/"

    def test_staff_and_the_members_admin_see_the_page(self):
        for user in (self.w.staff, self.w.admin_a):
            self.login_as(user)
            self.assertContains(self.client.get(self.url(self.w.person_a)), "张建国")

    def test_another_orgs_admin_gets_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(self.url(self.w.person_b))
        self.assertDeniedAndRecorded(response, self.w.admin_a)
        entry = self.audit("denied").get()
        self.assertEqual(entry.object_pk, str(self.w.person_b.pk))
        self.assertEqual(entry.org_id, self.w.branch_b1.pk)
        self.assertNotContains(response, "李红梅", status_code=404)

    def test_a_member_sees_their_own_page_and_no_one_elses(self):
        self.login_as(self.w.member)
        self.assertContains(self.client.get(self.url(self.w.person_a)), "张建国")
        self.assertDeniedAndRecorded(self.client.get(self.url(self.w.person_b)), self.w.member)

    def test_an_outsider_gets_a_recorded_404(self):
        self.login_as(self.w.outsider)
        self.assertDeniedAndRecorded(self.client.get(self.url(self.w.person_a)), self.w.outsider)

    def test_a_missing_member_is_a_recorded_404_too(self):
        self.login_as(self.w.staff)
        response = self.client.get("/members/999999/")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.audit("denied").get().additional_data["exists"])


class MemberPageContentTests(RosterTestCase):
    def test_it_shows_the_id_and_phone_masked(self):
        self.login_as(self.w.staff)
        person = self.w.person_a
        response = self.client.get(f"/members/{person.pk}/")
        self.assertContains(response, person.id_number_masked)
        self.assertContains(response, person.phone_masked)
        self.assertNotContains(response, person.id_number)
        self.assertNotContains(response, person.phone)
        self.assertRegex(person.id_number_masked, r"^\d{4}\*{10}[\dX]{4}$")

    def test_it_shows_the_organization_breadcrumb_with_links_only_where_the_user_may_go(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/members/{self.w.person_a.pk}/")
        self.assertContains(response, "市直属机关工委")
        self.assertNotContains(response, 'href="/orgs/GW/"')
        self.assertContains(response, 'href="/orgs/A/"')
        self.assertContains(response, 'href="/orgs/A01/"')

    def test_it_shows_current_and_past_posts_and_transfers(self):
        person = self.w.person_a
        old = services.post_assign(
            member=person, org=self.w.branch_a1, title=PostTitle.PUBLICITY, started_on=dt.date(2019, 1, 1)
        )
        services.post_end(post=old, ended_on=dt.date(2021, 1, 1))
        services.post_assign(
            member=person, org=self.w.org_a, title=PostTitle.COMMITTEE_MEMBER, started_on=dt.date(2022, 3, 1)
        )
        services.member_transfer(
            member=person, to_org=self.w.branch_a2, transferred_on=dt.date(2023, 5, 4), reason="工作调动"
        )
        self.login_as(self.w.staff)
        response = self.client.get(f"/members/{person.pk}/")
        current = [p.get_title_display() for p, _ in response.context["current_posts"]]
        past = [p.get_title_display() for p in response.context["past_posts"]]
        self.assertEqual(current, ["委员"])
        self.assertEqual(past, ["宣传委员"])
        self.assertContains(response, "2021-01-01")
        self.assertContains(response, "工作调动")
        self.assertContains(response, "市财政局第一党支部")

    def test_managers_get_the_change_buttons_and_the_member_does_not(self):
        self.login_as(self.w.admin_a)
        url = f"/members/{self.w.person_a.pk}/"
        self.assertContains(self.client.get(url), "编辑信息")
        self.login_as(self.w.member)
        response = self.client.get(url)
        self.assertNotContains(response, "编辑信息")
        self.assertNotContains(response, "组织关系转接</a>")
