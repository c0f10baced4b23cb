"""The committee-wide pages: filters, pagination, the Excel exports, a room's history."""

import io

from django.test import override_settings
from openpyxl import load_workbook

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.rooms.models import Rectification

from .helpers import RoomsTestCase, fail, in_days, make_room


class ListPageTests(RoomsTestCase):
    def setUp(self):
        super().setUp()
        self.good = make_room(self.w.branch_a1)
        self.bad = make_room(self.w.branch_b1)
        self.waiting = make_room(self.w.branch_a2)
        self.inspect(self.good)
        self.inspect(self.bad, held_on=in_days(-30), 有工作台账=fail(10))
        Rectification.objects.update(deadline=in_days(-2))  # now past its deadline
        self.login_as(self.w.staff)

    def names(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [r.org.name for r in response.context["page"]]

    def test_the_filters_pick_standing_overdue_name_and_subtree(self):
        self.assertEqual(len(self.names("/rooms/")), 3)
        self.assertEqual(self.names("/rooms/?standing=standardized"), ["市财政局第一党支部"])
        self.assertEqual(self.names("/rooms/?standing=failing"), ["市教育局第一党支部"])
        self.assertEqual(self.names("/rooms/?standing=uninspected"), ["市财政局第二党支部"])
        self.assertEqual(self.names("/rooms/?overdue=1"), ["市教育局第一党支部"])
        self.assertEqual(self.names("/rooms/?q=财政"), ["市财政局第一党支部", "市财政局第二党支部"])
        self.assertEqual(self.names("/rooms/?org=B"), ["市教育局第一党支部"])

    def test_the_summary_counts_the_whole_scope(self):
        summary = self.client.get("/rooms/?standing=failing").context["summary"]
        self.assertEqual(
            (
                summary["rooms"],
                summary["standardized"],
                summary["failing"],
                summary["uninspected"],
                summary["overdue_rooms"],
            ),
            (3, 1, 1, 1, 1),
        )

    def test_the_overdue_tasks_page_lists_the_task_past_its_deadline(self):
        response = self.client.get("/rooms/rectifications/?state=overdue")
        self.assertEqual([t.room.org.name for t in response.context["page"]], ["市教育局第一党支部"])
        self.assertContains(response, "已逾期")

    def test_the_list_exports_to_excel_with_the_filters(self):
        response = self.client.get("/rooms/?standing=failing&export=xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        header = next(i for i, r in enumerate(rows) if r[0] == "党组织")
        body = [r for r in rows[header + 1 :] if r[0]]
        self.assertEqual([r[0] for r in body], ["市教育局第一党支部"])
        self.assertIn("未达标", body[0])
        tasks = self.client.get("/rooms/rectifications/?state=overdue&export=xlsx")
        self.assertEqual(tasks.status_code, 200)

    @override_settings(DANGJIAN={"rooms": {"list_page_size": 2}})
    def test_the_list_is_paginated(self):
        for i in range(3):
            make_room(make_org(f"P{i}", f"分页测试第{i}党支部", OrgKind.BRANCH, self.w.org_a))
        first = self.client.get("/rooms/")
        self.assertEqual(first.context["page"].paginator.num_pages, 3)
        self.assertContains(first, "下一页")
        self.assertEqual(len(self.client.get("/rooms/?page=3").context["page"]), 2)
        self.assertEqual(self.client.get("/rooms/?page=abc").status_code, 400)

    def test_a_room_page_shows_its_history_and_open_tasks(self):
        response = self.client.get(f"/rooms/{self.bad.pk}/")
        self.assertContains(response, "检查记录")
        self.assertContains(response, "有工作台账")
        self.assertContains(response, "已逾期")
        self.assertContains(response, "整改复查")
        self.assertEqual(len(response.context["inspections"]), 1)
