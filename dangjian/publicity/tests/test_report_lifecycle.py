"""Information reports and papers: each transition sets its status and its own *_at, and nothing else."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.publicity.models import PaperKind, ReportStatus
from dangjian.publicity.services import papers
from dangjian.publicity.services import reports as services

from .helpers import PublicityTestCase

STAMPS = ("submitted_at", "returned_at", "sent_at")


class ReportLifecycleTests(PublicityTestCase):
    def report(self):
        return services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="信息", body="正文")

    def make_paper(self):
        return papers.paper_create(
            by=self.w.admin_a, kind=PaperKind.CASE_STUDY, org=self.w.org_a, year=2024, title="案例", body="正文"
        )

    def stamps(self, record, *names):
        record.refresh_from_db()
        return {name: getattr(record, name) is not None for name in names}

    def test_a_draft_has_no_transition_stamp(self):
        for record in (self.report(), self.make_paper()):
            with self.subTest(record=type(record).__name__):
                self.assertEqual(record.status, ReportStatus.DRAFT)
                self.assertEqual(self.stamps(record, *STAMPS), dict.fromkeys(STAMPS, False))
        self.assertIsNone(self.report().adopted_at)

    def test_submit_return_and_send_each_set_their_own_stamp(self):
        for record in (self.report(), self.make_paper()):
            with self.subTest(record=type(record).__name__):
                services.submit(record=record, by=self.w.admin_a)
                self.assertEqual(record.status, ReportStatus.SUBMITTED)
                self.assertEqual(
                    self.stamps(record, *STAMPS), {"submitted_at": True, "returned_at": False, "sent_at": False}
                )
                services.return_to_org(record=record, by=self.w.staff, comment="请补充数据")
                self.assertEqual(record.status, ReportStatus.RETURNED)
                self.assertEqual(
                    self.stamps(record, *STAMPS), {"submitted_at": True, "returned_at": True, "sent_at": False}
                )
                services.submit(record=record, by=self.w.admin_a)
                services.send_up(record=record, by=self.w.staff)
                self.assertEqual(record.status, ReportStatus.SENT)
                self.assertEqual(self.stamps(record, *STAMPS), dict.fromkeys(STAMPS, True))

    def test_adoption_sets_adopted_at_once_and_a_corrected_level_keeps_it(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        services.send_up(record=report, by=self.w.staff)
        self.assertIsNone(report.adopted_at)
        services.info_report_adopt(report=report, by=self.w.staff, level="regional", adopted_on=timezone.localdate())
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.ADOPTED)
        first = report.adopted_at
        self.assertIsNotNone(first)
        services.info_report_adopt(report=report, by=self.w.staff, level="instruction", adopted_on=timezone.localdate())
        report.refresh_from_db()
        self.assertEqual((report.adoption_level, report.adopted_at), ("instruction", first))

    def test_a_refused_transition_changes_neither_status_nor_stamps(self):
        report = self.report()
        for step, code in (
            (lambda: services.send_up(record=report, by=self.w.staff), "publicity_report_wrong_state"),
            (
                lambda: services.return_to_org(record=report, by=self.w.staff, comment="x"),
                "publicity_report_wrong_state",
            ),
        ):
            with self.assertRaises(ValidationError) as refused:
                step()
            self.assertEqual(codes_of(refused.exception), {code})
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)
        self.assertEqual(self.stamps(report, *STAMPS), dict.fromkeys(STAMPS, False))

    def test_send_up_may_be_dated_and_records_who_sent(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        when = timezone.make_aware(dt.datetime(2024, 3, 1, 10))
        services.send_up(record=report, by=self.w.staff, at=when)
        report.refresh_from_db()
        self.assertEqual((report.sent_at, report.sent_by), (when, self.w.staff))


class AdoptedAtBackfillTests(PublicityTestCase):
    def test_the_migration_dates_old_adoptions_by_their_step_or_their_day(self):
        import importlib

        from django.apps import apps

        from dangjian.publicity.models import InfoReport, Step

        backfill = importlib.import_module("dangjian.publicity.migrations.0002_info_report_adopted_at").backfill
        stepped, bare = (
            services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title=t, body="正文") for t in "甲乙"
        )
        for report in (stepped, bare):
            services.submit(record=report, by=self.w.admin_a)
            services.send_up(record=report, by=self.w.staff, at=timezone.make_aware(dt.datetime(2024, 5, 1, 9)))
            services.info_report_adopt(report=report, by=self.w.staff, level="regional", adopted_on=dt.date(2024, 5, 6))
        Step.objects.filter(subject_id=bare.pk, action="adopted").delete()
        InfoReport.objects.update(adopted_at=None)
        backfill(apps, None)
        stepped.refresh_from_db()
        bare.refresh_from_db()
        self.assertEqual(stepped.adopted_at, Step.objects.get(subject_id=stepped.pk, action="adopted").at)
        self.assertEqual(timezone.localtime(bare.adopted_at), timezone.make_aware(dt.datetime(2024, 5, 6, 12)))
