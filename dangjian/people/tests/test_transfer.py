import datetime as dt

from dangjian.people import services
from dangjian.people.forms import STALE_ORG
from dangjian.people.models import Member, Post, PostTitle, Transfer

from .helpers import RosterTestCase


class TransferTests(RosterTestCase):
    def setUp(self):
        super().setUp()
        self.person = self.w.person_a
        self.url = f"/members/{self.person.pk}/transfer/"

    def post(self, to_org="A02", **extra):
        data = {"to_org": to_org, "transferred_on": "2025-03-01", "reason": "工作调动"}
        data.update(extra)
        return self.client.post(self.url, data)

    def test_a_transfer_moves_the_person_and_keeps_both_names_in_the_history(self):
        self.login_as(self.w.admin_a)
        response = self.post()
        self.assertRedirects(response, f"/members/{self.person.pk}/", fetch_redirect_response=False)
        self.assertEqual(Member.objects.get(pk=self.person.pk).org, self.w.branch_a2)
        t = Transfer.objects.get(member=self.person)
        self.assertEqual((t.from_org_name, t.to_org_name), ("市财政局第一党支部", "市财政局第二党支部"))
        self.assertEqual(t.transferred_on, dt.date(2025, 3, 1))
        # Renaming the old organization later does not rewrite the history.
        self.w.branch_a1.name = "市财政局综合党支部"
        self.w.branch_a1.save()
        page = self.client.get(f"/members/{self.person.pk}/")
        self.assertContains(page, "市财政局第一党支部")

    def test_posts_in_the_old_organization_end_on_the_transfer_date(self):
        old = services.post_assign(
            member=self.person, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2020, 1, 1)
        )
        above = services.post_assign(
            member=self.person, org=self.w.org_a, title=PostTitle.COMMITTEE_MEMBER, started_on=dt.date(2020, 1, 1)
        )
        self.login_as(self.w.admin_a)
        self.post()
        self.assertEqual(Post.objects.get(pk=old.pk).ended_on, dt.date(2025, 3, 1))
        # A post in the party committee above both branches goes on.
        self.assertIsNone(Post.objects.get(pk=above.pk).ended_on)

    def test_a_transfer_to_an_organization_out_of_reach_is_refused_and_nothing_changes(self):
        self.login_as(self.w.admin_a)
        response = self.post(to_org="B01")
        self.assertContains(response, STALE_ORG)
        self.assertEqual(Member.objects.get(pk=self.person.pk).org, self.w.branch_a1)
        self.assertFalse(Transfer.objects.exists())

    def test_a_transfer_to_the_current_organization_is_refused(self):
        self.login_as(self.w.staff)
        response = self.post(to_org="A01")
        self.assertContains(response, STALE_ORG)
        self.assertFalse(Transfer.objects.exists())

    def test_a_reason_is_required(self):
        self.login_as(self.w.admin_a)
        response = self.post(reason="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("reason", response.context["form"].errors)
        self.assertFalse(Transfer.objects.exists())

    def test_a_stale_form_after_someone_else_moved_the_person_is_explained(self):
        self.login_as(self.w.staff)
        # Someone else moves the person to A02 while this form, aimed at A02, is open.
        services.member_transfer(
            member=Member.objects.get(pk=self.person.pk), to_org=self.w.branch_a2, transferred_on=dt.date(2025, 2, 1)
        )
        response = self.post(to_org="A02")
        self.assertContains(response, STALE_ORG)
        self.assertEqual(Transfer.objects.count(), 1)

    def test_only_managers_of_the_persons_organization_may_transfer(self):
        for user in (self.w.admin_b, self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.post(), user)
        self.assertFalse(Transfer.objects.exists())
