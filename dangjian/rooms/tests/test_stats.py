"""activity_rooms.standardized: rooms whose latest inspection by the year's end passes every required item,
and the records page lists exactly those; the seed year's 62 rooms come back out exactly."""

import datetime as dt

from dangjian.core import registry
from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.rooms import services
from dangjian.rooms.services import VerdictIn

from .helpers import RoomsTestCase, all_pass, fail, make_room

YEAR = 2019


class StandardizedTests(RoomsTestCase):
    def setUp(self):
        super().setUp()
        self.a1 = make_room(self.w.branch_a1)
        self.a2 = make_room(self.w.branch_a2)
        self.b1 = make_room(self.w.branch_b1)
        make_room(self.w.org_b)  # never inspected

    def metric(self, org, year):
        return registry.get("activity_rooms.standardized")(org, year)

    def page_rooms(self, org, year):
        self.login_as(self.w.staff)
        response = self.client.get(f"/rooms/records/standardized/?org={org.code}&year={year}")
        self.assertEqual(response.status_code, 200)
        return {r.pk for r in response.context["page"]}

    def test_it_counts_rooms_whose_latest_inspection_passes_and_the_page_lists_them(self):
        this_year = dt.date.today().year
        self.inspect(self.a1)
        self.inspect(self.a2, 有荣誉展示=fail(30))
        self.inspect(self.b1, 有电教设备=VerdictIn(passed=False))  # recommended only: still standard
        self.assertEqual(self.metric(self.w.committee, this_year), 2)
        self.assertEqual(self.page_rooms(self.w.committee, this_year), {self.a1.pk, self.b1.pk})
        self.assertEqual(self.metric(self.w.org_a, this_year), 1)
        self.assertEqual(self.page_rooms(self.w.org_a, this_year), {self.a1.pk})

    def test_a_year_reads_the_latest_inspection_up_to_its_end(self):
        self.inspect(self.a1, held_on=dt.date(2025, 5, 1))
        self.inspect(self.a1, held_on=dt.date.today(), 有荣誉展示=fail(30))
        self.assertEqual(self.metric(self.w.committee, 2025), 1)
        self.assertEqual(self.metric(self.w.committee, 2024), 0)
        self.assertEqual(self.metric(self.w.committee, dt.date.today().year), 0)

    def test_the_per_organization_figure_agrees(self):
        year = dt.date.today().year
        self.inspect(self.a1)
        self.inspect(self.b1)
        orgs = [self.w.committee, self.w.org_a, self.w.org_b, self.w.branch_a2]
        per = registry.per_org("activity_rooms.standardized", orgs, year)
        self.assertEqual(per, {o.pk: self.metric(o, year) for o in orgs})
        self.assertEqual(per[self.w.committee.pk], 2)

    def test_the_overdue_figure_counts_tasks_not_put_right_by_their_deadline(self):
        import datetime as _dt

        from dangjian.rooms.models import Rectification

        self.inspect(self.a1, held_on=dt.date.today() - _dt.timedelta(days=40), 有荣誉展示=fail(5))
        Rectification.objects.update(deadline=dt.date.today() - _dt.timedelta(days=1))
        key = "activity_rooms.rectifications_overdue"
        year = (dt.date.today() - _dt.timedelta(days=1)).year
        self.assertEqual(registry.get(key)(self.w.committee, year), 1)
        self.login_as(self.w.staff)
        response = self.client.get(f"/rooms/records/overdue/?org=GW&year={year}")
        self.assertEqual(response.context["total"], 1)
        self.assertContains(response, "逾期未整改")


class SeedYearTests(RoomsTestCase):
    """DOMAIN.md's seed year: 62 standardized activity rooms, recorded through the services."""

    def test_sixty_two_rooms_come_back_exactly(self):
        parents = [self.w.org_a, self.w.org_b]
        rooms = []
        for i in range(70):
            org = make_org(f"R{i:02d}", f"测试第{i}党支部", OrgKind.BRANCH, parents[i % 2])
            rooms.append(make_room(org))
        held = dt.date(YEAR, 6, 1)
        for room in rooms[:62]:
            services.inspection_record(
                room=room, held_on=held, inspectors="工委组织部", verdicts=all_pass(room.org), by=self.w.staff
            )
        for room in rooms[62:66]:  # failing, under rectification
            services.inspection_record(
                room=room, held_on=held, inspectors="工委组织部",
                verdicts=all_pass(room.org, 有工作台账=fail(30)), by=self.w.staff,
            )  # fmt: skip
        # Not counted: standardized only in the next year.
        services.inspection_record(
            room=rooms[66], held_on=dt.date(YEAR + 1, 3, 1), inspectors="工委组织部",
            verdicts=all_pass(rooms[66].org), by=self.w.staff,
        )  # fmt: skip
        self.w.refresh()
        self.assertEqual(registry.get("activity_rooms.standardized")(self.w.committee, YEAR), 62)
        self.login_as(self.w.staff)
        response = self.client.get(f"/rooms/records/standardized/?org=GW&year={YEAR}")
        self.assertEqual(response.context["total"], 62)
        self.assertEqual(response.context["page"].paginator.count, 62)
