"""The module's landing page: open activities and own hours for a member, the overview for overseers."""

from __future__ import annotations

import datetime as dt

from .helpers import VolunteerTestCase, make_activity, record_for


class HomeTests(VolunteerTestCase):
    def test_it_shows_a_member_what_is_open_and_their_hours(self):
        record_for(make_activity(self.brigade_a, starts_in=-dt.timedelta(days=400)), self.w.person_a, hours="4.00")
        self.login_as(self.w.member)
        page = self.client.get("/volunteer/").content.decode()
        self.assertIn("正在招募的活动", page)
        self.assertIn(self.activity.title, page)
        self.assertIn("累计服务时长", page)
        self.assertIn(">4<", page.replace(" ", ""))
        self.assertNotIn("总队设置", page)

    def test_it_shows_committee_staff_the_overview_figures_with_links(self):
        self.login_as(self.w.staff)
        page = self.client.get("/volunteer/").content.decode()
        self.assertIn("志愿服务支队", page)
        self.assertIn("/volunteer/brigades/?org=GW", page)
        self.assertIn("总队设置", page)

    def test_it_explains_to_an_account_without_a_person_why_there_is_nothing_to_sign_up_for(self):
        self.login_as(self.w.outsider)
        self.assertContains(self.client.get("/volunteer/"), "尚未关联人员信息")

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self):
        self.assertEqual(self.client.get("/volunteer/").status_code, 302)
