"""The member list's count and choices are kept between requests, and a write shows at once.

TransactionTestCase: what is kept is used only outside a transaction that has written, and a
write retires it when it commits, as in a request (registry.kernel_cached).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.test import TransactionTestCase

from dangjian.core.testing import MemberFactory, World, make_org
from dangjian.orgs.models import OrgKind


class KeptMemberListTests(TransactionTestCase):
    def setUp(self) -> None:
        ContentType.objects.clear_cache()  # another TransactionTestCase's flush made new ids
        self.w = World()

    def test_a_new_person_counts_and_a_new_organization_is_offered_at_once(self) -> None:
        self.client.force_login(self.w.staff)
        first = self.client.get("/members/")
        self.assertEqual(first.context["page"].paginator.count, 2)
        self.assertEqual(self.client.get("/members/", {"q": "王"}).context["page"].paginator.count, 0)
        MemberFactory.create(name="王新", org=self.w.branch_b1, ethnicity="蒙古族")
        make_org("B02", "市教育局第二党支部", OrgKind.BRANCH, self.w.org_b)
        again = self.client.get("/members/")
        self.assertEqual(again.context["page"].paginator.count, 3)
        self.assertContains(again, "王新")
        self.assertContains(again, '<option value="B02">')
        self.assertIn("蒙古族", again.context["ethnicities"])
        self.assertEqual(self.client.get("/members/", {"q": "王"}).context["page"].paginator.count, 1)

    def test_an_administrator_never_gets_the_committees_count(self) -> None:
        self.client.force_login(self.w.staff)
        self.assertEqual(self.client.get("/members/").context["page"].paginator.count, 2)
        self.client.force_login(self.w.admin_a)
        response = self.client.get("/members/")
        self.assertEqual(response.context["page"].paginator.count, 1)
        self.assertNotContains(response, "李红梅")
        self.assertNotContains(response, 'value="B01"')
