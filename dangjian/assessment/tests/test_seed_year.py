"""Issue 12 §6: a seed-shaped year recorded through the services comes back exactly on the results
page, the figures of the other apps (62 standardized rooms, 10 full-time deputy secretaries, 29
adjusted units) beside the assessment's own (the organizations rated)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from dangjian.assessment import services
from dangjian.assessment.services import assessed_orgs
from dangjian.core import registry
from dangjian.core.testing import BaseTestCase, MemberFactory, UnitFactory, make_org
from dangjian.orgs import services as org_services
from dangjian.orgs.models import OrgKind
from dangjian.people import services as people_services
from dangjian.people.models import PostTitle
from dangjian.rooms import services as room_services
from dangjian.rooms.services import VerdictIn

from .helpers import YEAR, build_scheme

ROOMS, DEPUTIES, ADJUSTED = 62, 10, 29


class SeedShapedYearTests(BaseTestCase):
    scheme_pk: int
    rated: int

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        day = dt.date(YEAR, 3, 1)
        checklist = room_services.checklist_current(committee=w.committee)
        items = list(checklist.items.all())
        branches = []
        for n in range(ROOMS):
            unit = UnitFactory(name=f"市测试局{n:02d}")
            branch = make_org(f"A1{n:02d}", f"市测试局{n:02d}党支部", OrgKind.BRANCH, w.org_a, units=[unit])
            room = room_services.room_register(org=branch, location="办公楼2层", area_m2="30")
            room_services.inspection_record(
                room=room, held_on=day, inspectors="工委组织部", verdicts={i.key: VerdictIn(passed=True) for i in items}
            )
            branches.append(branch)
        # An inspection that fails a required item is not a standardized room.
        soon = timezone.localdate() + dt.timedelta(days=30)
        failing = make_org("A199", "市未达标局党支部", OrgKind.BRANCH, w.org_a)
        room = room_services.room_register(org=failing, location="一楼", area_m2="12")
        room_services.inspection_record(
            room=room, held_on=day, inspectors="工委组织部",
            verdicts={i.key: VerdictIn(passed=i != items[0], deadline=soon) for i in items},
        )  # fmt: skip
        for branch in branches[:ADJUSTED]:
            branch.refresh_from_db()
            w.org_b.refresh_from_db()
            org_services.org_move(
                org=branch, new_parent=w.org_b, changed_on=dt.date(YEAR, 5, 1), reason="机构改革",
                doc_number="工委〔2026〕8号",
            )  # fmt: skip
        for branch in branches[ADJUSTED : ADJUSTED + DEPUTIES]:
            person = MemberFactory.create(org=branch)
            people_services.post_assign(
                member=person, org=branch, title=PostTitle.FULL_TIME_DEPUTY, started_on=dt.date(YEAR, 4, 1)
            )
        w.refresh()
        scheme = build_scheme(w)
        rs = services.results_compute(scheme=scheme)
        services.results_start_notice(result_set=rs, today=dt.date(YEAR, 11, 2))
        services.results_finalize(result_set=rs, today=dt.date(YEAR, 11, 20))
        cls.scheme_pk = scheme.pk
        cls.rated = assessed_orgs(scheme).count()

    def shown(self, html: str) -> dict[str, int]:
        pattern = r'data-metric="([\w.]+)">.*?<div class="fs-5 fw-semibold">(?:<a href="[^"]*">)?(\d+)'
        found = re.findall(pattern, html, re.S)
        return {key: int(value) for key, value in found}

    def test_the_results_page_shows_the_years_figures_exactly_beside_the_assessments_own(self):
        self.assertEqual(self.rated, 5 + ROOMS + 1)  # A, A01, A02, B, B01, the 62 and the failing one
        self.login_as(self.w.staff)
        response = self.client.get(f"/assessment/{self.scheme_pk}/results/")
        self.assertEqual(response.status_code, 200)
        figures = self.shown(response.content.decode())
        self.assertEqual(figures["assessment.units_rated"], self.rated)
        self.assertEqual(figures["activity_rooms.standardized"], ROOMS)
        self.assertEqual(figures["cadres.full_time_deputy_secretaries"], DEPUTIES)
        self.assertEqual(figures["orgs.units_adjusted"], ADJUSTED)
        # The same figures the registry gives the dashboard and the annual report.
        for key, value in figures.items():
            self.assertEqual(registry.value(key, self.w.committee, YEAR), value, key)
        self.assertContains(response, f"/rooms/records/standardized/?org=GW&amp;year={YEAR}")
        self.assertContains(response, f"/assessment/records/rated/?org=GW&amp;year={YEAR}")

    def test_the_records_behind_a_figure_list_exactly_that_many(self):
        self.login_as(self.w.staff)
        page = self.client.get(f"/assessment/records/rated/?org=GW&year={YEAR}")
        self.assertContains(page, f"{self.rated}")

    def test_an_org_admin_sees_the_results_but_not_the_committees_figures(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/assessment/{self.scheme_pk}/results/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'id="year-figures"')
