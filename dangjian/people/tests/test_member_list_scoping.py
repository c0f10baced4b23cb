import re

from .helpers import RosterTestCase


class MemberListScopingTests(RosterTestCase):
    def names(self, user):
        self.login_as(user)
        response = self.client.get("/members/")
        self.assertEqual(response.status_code, 200)
        return {m.name for m in response.context["members"]}

    def test_committee_staff_see_everyone_under_the_committee(self):
        self.assertEqual(self.names(self.w.staff), {"张建国", "李红梅"})

    def test_an_org_admin_sees_only_their_subtree(self):
        self.assertEqual(self.names(self.w.admin_a), {"张建国"})
        self.assertEqual(self.names(self.w.admin_b), {"李红梅"})

    def test_the_org_picker_offers_only_visible_organizations(self):
        self.login_as(self.w.admin_a)
        html = self.client.get("/members/").content.decode()
        picker = html[html.index('id="f-org"') : html.index("</select>", html.index('id="f-org"'))]
        codes = re.findall(r'<option value="(\w+)"', picker)
        self.assertEqual(codes, ["A", "A01", "A02"])

    def test_an_admin_filtering_by_another_org_gets_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        response = self.client.get("/members/", {"org": "B"})
        self.assertDeniedAndRecorded(response, self.w.admin_a)
        entry = self.audit("denied").get()
        self.assertEqual(entry.org_id, self.w.org_b.pk)

    def test_a_member_gets_a_recorded_404_for_the_list(self):
        self.login_as(self.w.member)
        self.assertDeniedAndRecorded(self.client.get("/members/"), self.w.member)

    def test_an_outsider_gets_a_recorded_404_for_the_list(self):
        self.login_as(self.w.outsider)
        self.assertDeniedAndRecorded(self.client.get("/members/"), self.w.outsider)

    def test_an_anonymous_visitor_is_sent_to_log_in(self):
        response = self.client.get("/members/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
