"""draft → frozen → (reopened →) frozen → sent: each step, its timestamp, its refusals, and the diff."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from dangjian.annual import selectors, services
from dangjian.annual.models import FrozenFigure, Status
from dangjian.annual.services import SectionData
from dangjian.core.errors import codes_of

from .helpers import YEAR, AnnualTestCase


class LifecycleTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.report = services.report_create(org=self.w.org_a, year=YEAR, by=self.w.staff)

    def with_roster(self) -> None:
        services.report_update(
            report=self.report,
            title="报告",
            sections=[SectionData(heading="一、队伍", template="名册共{test.roster}。")],
        )

    def test_a_report_is_one_per_organization_and_year(self):
        with self.assertRaises(ValidationError) as caught:
            services.report_create(org=self.w.org_a, year=YEAR)
        self.assertEqual(codes_of(caught.exception), {"report_exists"})
        with self.assertRaises(ValidationError) as caught:
            services.report_create(org=self.w.org_b, year=YEAR + 5)
        self.assertEqual(codes_of(caught.exception), {"year_out_of_range"})

    def test_freezing_stores_each_figure_with_the_records_behind_it(self):
        with self.roster_figure():
            self.with_roster()
            report = services.report_freeze(report=self.report, by=self.w.staff)
        self.assertEqual(report.status, Status.FROZEN)
        self.assertIsNotNone(report.frozen_at)
        self.assertEqual(report.frozen_by, self.w.staff)
        f = FrozenFigure.objects.get(report=report, key="test.roster")
        self.assertEqual(f.value, 1)
        self.assertEqual(f.records, {"test.roster": [[self.w.person_a.pk, str(self.w.person_a)]]})

    def test_a_frozen_report_keeps_its_figures_and_shows_what_changed_since(self):
        with self.roster_figure():
            self.with_roster()
            services.report_freeze(report=self.report, by=self.w.staff)
            self.person(org=self.w.branch_a2)
            self.person(org=self.w.branch_a2)
            self.report.refresh_from_db()
            doc = selectors.document(self.report)
            changes = selectors.changes_since_freezing(self.report)
        self.assertEqual(doc.plain_paragraphs(), [("一、队伍", "名册共1人。")])
        self.assertEqual(
            [(c.key, c.frozen, c.live, c.added, c.removed) for c in changes], [("test.roster", "1人", "3人", 2, 0)]
        )

    def test_a_frozen_report_cannot_be_edited_until_reopened(self):
        with self.roster_figure():
            self.with_roster()
            services.report_freeze(report=self.report, by=self.w.staff)
            with self.assertRaises(ValidationError) as caught:
                self.with_roster()
            self.assertEqual(codes_of(caught.exception), {"not_draft"})
            with self.assertRaises(ValidationError) as caught:
                services.report_freeze(report=self.report)
            self.assertEqual(codes_of(caught.exception), {"not_draft"})
            report = services.report_reopen(report=self.report, by=self.w.staff)
            self.assertEqual(report.status, Status.DRAFT)
            self.assertIsNotNone(report.reopened_at)
            self.assertFalse(report.figures.exists())
            self.with_roster()

    def test_only_a_frozen_report_is_reopened(self):
        with self.assertRaises(ValidationError) as caught:
            services.report_reopen(report=self.report)
        self.assertEqual(codes_of(caught.exception), {"not_frozen"})
