"""The charts page: scoped to the user's subtrees, the year and subtree chosen, the data on the page."""

from __future__ import annotations

import json

from django.utils import timezone

from dangjian.core.models import AuditEntry

from .helpers import DashboardTestCase

YEAR = timezone.localdate().year


def page_data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="board-data" type="application/json">') + len(
        '<script id="board-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


class BoardPageTests(DashboardTestCase):
    def test_it_shows_the_committee_to_its_staff_with_every_work_line(self):
        self.add(self.w.branch_a1, YEAR, 3)
        self.login_as(self.w.staff)
        response = self.client.get("/charts/")
        self.assertContains(response, "图表看板 · 市直属机关工委")
        for label in ("理论学习与培训", "组织建设、规范化与考核", "宣传与信息报送", "志愿服务", "党建品牌"):
            self.assertContains(response, label)
        data = page_data(response)
        self.assertEqual(data["org"]["code"], "GW")
        self.assertEqual(self.line(data)["value"], 3)

    def test_the_charts_come_from_local_static_files_and_no_inline_script(self):
        self.login_as(self.w.staff)
        html = self.client.get("/charts/").content.decode()
        self.assertIn("/static/vendor/echarts/echarts.min.js", html)
        self.assertIn("/static/dashboard/board.js", html)
        self.assertNotIn("<script>", html)
        self.assertNotIn("https://", html)

    def test_an_administrator_sees_their_own_subtree_by_default(self):
        self.login_as(self.w.admin_a)
        data = page_data(self.client.get("/charts/"))
        self.assertEqual(data["org"]["code"], "A")
        self.assertEqual([c["code"] for c in data["children"]], ["A01", "A02"])

    def test_another_subtree_is_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/charts/", {"org": "B"}).status_code, 404)
        self.assertTrue(AuditEntry.objects.filter(event="denied").exists())

    def test_a_member_and_an_outsider_get_a_404(self):
        for user in (self.w.member, self.w.outsider, self.w.sysadmin):
            self.login_as(user)
            self.assertEqual(self.client.get("/charts/").status_code, 404)

    def test_the_year_chosen_is_shown_with_the_years_before_it(self):
        self.add(self.w.branch_b1, 2021, 2)
        self.login_as(self.w.staff)
        data = page_data(self.client.get("/charts/", {"org": "B", "year": 2022}))
        self.assertEqual(data["years"], [2018, 2019, 2020, 2021, 2022])
        self.assertEqual(self.line(data)["trend"], [0, 0, 0, 2, 0])

    def test_a_nonsense_year_is_a_400_in_chinese(self):
        self.login_as(self.w.staff)
        response = self.client.get("/charts/", {"year": "abc"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("年", response.content.decode())

    def test_the_selector_offers_the_users_organizations_and_the_way_back_up(self):
        self.login_as(self.w.staff)
        response = self.client.get("/charts/", {"org": "A01"})
        html = response.content.decode()
        self.assertIn('value="GW"', html)
        self.assertIn('value="A"', html)
        self.assertIn('value="A01" selected', html)
        self.assertEqual([o.code for o in response.context["breadcrumb"]], ["GW", "A"])

    def test_an_administrator_is_not_offered_the_committee(self):
        self.login_as(self.w.admin_a)
        response = self.client.get("/charts/", {"org": "A01"})
        self.assertNotIn('value="GW"', response.content.decode())
        self.assertEqual([o.code for o in response.context["breadcrumb"]], ["A"])

    def test_each_figure_links_to_its_records(self):
        self.login_as(self.w.staff)
        data = page_data(self.client.get("/charts/", {"org": "A", "year": 2025}))
        rooms = self.line(data, "activity_rooms.standardized")
        self.assertEqual(rooms["records"], "/rooms/records/standardized/?org=A&year=2025")
        self.assertContains(
            self.client.get("/charts/", {"org": "A", "year": 2025}),
            'href="/rooms/records/standardized/?org=A&amp;year=2025"',
        )

    def test_the_menu_leads_staff_and_administrators_here(self):
        self.login_as(self.w.admin_b)
        self.assertContains(self.client.get("/charts/"), 'href="/charts/"')
