import datetime as dt

from dangjian.people import services
from dangjian.people.models import Post, PostTitle, Status

from .helpers import RosterTestCase


class PostAssignTests(RosterTestCase):
    def assign(self, person, org="A01", title="secretary", started_on="2025-01-10"):
        return self.client.post(
            f"/members/{person.pk}/posts/new/", {"org": org, "title": title, "started_on": started_on}
        )

    def test_a_new_secretary_ends_the_previous_secretarys_post(self):
        previous = self.person("钱书记")
        old = services.post_assign(
            member=previous, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2022, 1, 1)
        )
        self.login_as(self.w.admin_a)
        response = self.assign(self.w.person_a)
        self.assertRedirects(response, f"/members/{self.w.person_a.pk}/", fetch_redirect_response=False)
        self.assertEqual(Post.objects.get(pk=old.pk).ended_on, dt.date(2025, 1, 10))
        current = Post.objects.get(org=self.w.branch_a1, title=PostTitle.SECRETARY, ended_on__isnull=True)
        self.assertEqual(current.member, self.w.person_a)

    def test_a_post_can_be_held_in_an_organization_above_the_persons_own(self):
        self.login_as(self.w.admin_a)
        self.assign(self.w.person_a, org="A", title="full_time_deputy_secretary")
        self.assertTrue(Post.objects.filter(member=self.w.person_a, org=self.w.org_a).exists())

    def test_only_the_persons_organization_and_those_above_it_that_the_user_manages_are_offered(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/members/{self.w.person_a.pk}/posts/new/")
        codes = [o.code for o in response.context["form"].fields["org"].queryset]
        self.assertEqual(codes, ["A", "A01"])
        response = self.assign(self.w.person_a, org="GW")
        self.assertContains(response, "所选组织不存在或不在您的管理范围内")
        self.assertFalse(Post.objects.exists())

    def test_an_activist_cannot_hold_a_post(self):
        activist = self.person("孙积极", status=Status.ACTIVIST, joined_party_on=None)
        self.login_as(self.w.admin_a)
        response = self.assign(activist)
        self.assertContains(response, "入党积极分子不能担任党内职务")
        self.assertFalse(Post.objects.exists())

    def test_holding_the_same_post_twice_is_refused(self):
        services.post_assign(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.PUBLICITY, started_on=dt.date(2024, 1, 1)
        )
        self.login_as(self.w.admin_a)
        response = self.assign(self.w.person_a, title="publicity_member")
        self.assertContains(response, "该人员已担任此职务")
        self.assertEqual(Post.objects.count(), 1)

    def test_another_orgs_admin_cannot_assign(self):
        self.login_as(self.w.admin_b)
        self.assertDeniedAndRecorded(self.assign(self.w.person_a), self.w.admin_b)
        self.assertFalse(Post.objects.exists())


class PostEndTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.post = services.post_assign(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2022, 1, 1)
        )
        self.url = f"/members/{self.w.person_a.pk}/posts/{self.post.pk}/end/"

    def test_an_admin_ends_a_post(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(self.url, {"ended_on": "2025-06-30"}, follow=True)
        self.assertContains(response, "已免去市财政局第一党支部书记职务")
        self.assertEqual(Post.objects.get(pk=self.post.pk).ended_on, dt.date(2025, 6, 30))

    def test_ending_a_post_already_ended_says_so_and_changes_nothing(self):
        services.post_end(post=self.post, ended_on=dt.date(2024, 12, 31))
        self.login_as(self.w.admin_a)
        response = self.client.post(self.url, {"ended_on": "2025-06-30"}, follow=True)
        self.assertContains(response, "该职务已免去")
        self.assertEqual(Post.objects.get(pk=self.post.pk).ended_on, dt.date(2024, 12, 31))

    def test_an_end_before_the_start_is_refused(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(self.url, {"ended_on": "2021-01-01"}, follow=True)
        self.assertContains(response, "免职日期不能早于任职日期")
        self.assertIsNone(Post.objects.get(pk=self.post.pk).ended_on)

    def test_a_post_in_an_organization_the_admin_does_not_manage_is_a_recorded_404(self):
        above = services.post_assign(
            member=self.w.person_a,
            org=self.w.committee,
            title=PostTitle.COMMITTEE_MEMBER,
            started_on=dt.date(2022, 1, 1),
        )
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/members/{self.w.person_a.pk}/posts/{above.pk}/end/", {"ended_on": "2025-06-30"})
        self.assertDeniedAndRecorded(response, self.w.admin_a)
        self.assertIsNone(Post.objects.get(pk=above.pk).ended_on)

    def test_another_persons_post_through_this_persons_address_is_a_recorded_404(self):
        other = self.person("吴其他")
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/members/{other.pk}/posts/{self.post.pk}/end/", {"ended_on": "2025-06-30"})
        self.assertDeniedAndRecorded(response, self.w.admin_a)
        self.assertIsNone(Post.objects.get(pk=self.post.pk).ended_on)

    def test_others_cannot_end_it(self):
        for user in (self.w.admin_b, self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.post(self.url, {"ended_on": "2025-06-30"}), user)
        self.assertIsNone(Post.objects.get(pk=self.post.pk).ended_on)
