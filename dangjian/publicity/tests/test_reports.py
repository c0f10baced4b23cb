import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.publicity import selectors
from dangjian.publicity.models import InfoReport, ReportStatus, Step
from dangjian.publicity.services import reports as services

from .helpers import PublicityTestCase


class InfoReportTests(PublicityTestCase):
    def report(self, org=None, title="市财政局创新开展“党建+”工作"):
        return services.info_report_create(by=self.w.admin_a, org=org or self.w.org_a, title=title, body="正文内容。")

    def test_it_goes_from_draft_to_adopted(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        services.send_up(record=report, by=self.w.staff)
        services.info_report_adopt(
            report=report,
            by=self.w.staff,
            level="committee_bulletin",
            adopted_on=timezone.localdate(),
            adopted_in="《机关党建信息》第3期",
        )
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.ADOPTED)
        self.assertEqual(report.adoption_level_label(), "区直机关工委简报采用")
        actions = list(Step.objects.filter(subject_id=report.pk).values_list("action", flat=True))
        self.assertEqual(actions, ["created", "submitted", "sent", "adopted"])

    def test_it_returns_a_report_with_comments(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        services.return_to_org(record=report, by=self.w.staff, comment="请补充具体数据")
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.RETURNED)
        self.assertTrue(report.is_editable)

    def test_it_refuses_to_record_adoption_before_sending(self):
        report = self.report()
        with self.assertRaises(ValidationError) as refused:
            services.info_report_adopt(
                report=report, by=self.w.staff, level="regional", adopted_on=timezone.localdate()
            )
        self.assertEqual(codes_of(refused.exception), {"publicity_report_wrong_state"})

    def test_it_refuses_an_unknown_adoption_level(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        services.send_up(record=report, by=self.w.staff)
        with self.assertRaises(ValidationError) as refused:
            services.info_report_adopt(
                report=report, by=self.w.staff, level="galactic", adopted_on=timezone.localdate()
            )
        self.assertEqual(codes_of(refused.exception), {"publicity_adoption_level_unknown"})

    def test_it_refuses_an_adoption_dated_before_sending_or_after_today(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        services.send_up(record=report, by=self.w.staff)
        today = timezone.localdate()
        for day, code in (
            (today - dt.timedelta(days=3), "publicity_adopted_before_sent"),
            (today + dt.timedelta(days=1), "publicity_adopted_in_future"),
        ):
            with self.assertRaises(ValidationError) as refused:
                services.info_report_adopt(report=report, by=self.w.staff, level="regional", adopted_on=day)
            self.assertEqual(codes_of(refused.exception), {code})
            self.assertEqual(list(refused.exception.message_dict), ["adopted_on"])
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SENT)

    def test_it_refuses_a_draft_without_title_or_body_naming_both(self):
        with self.assertRaises(ValidationError) as refused:
            services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title=" ", body="")
        self.assertEqual(codes_of(refused.exception), {"publicity_title_required", "publicity_body_required"})
        self.assertEqual(InfoReport.objects.count(), 0)

    def test_it_refuses_a_return_without_comment(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        with self.assertRaises(ValidationError) as refused:
            services.return_to_org(record=report, by=self.w.staff, comment="  ")
        self.assertEqual(codes_of(refused.exception), {"publicity_report_comment_required"})
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)

    def test_it_refuses_to_change_a_submitted_report(self):
        report = self.report()
        services.submit(record=report, by=self.w.admin_a)
        with self.assertRaises(ValidationError) as refused:
            services.info_report_update(report=report, by=self.w.admin_a, org=self.w.org_a, title="改", body="改")
        self.assertEqual(codes_of(refused.exception), {"publicity_report_wrong_state"})
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/publicity/reports/{report.pk}/edit/", follow=True)
        self.assertContains(response, "当前为“待工委审核”，不能修改。")

    def test_it_lets_only_committee_staff_send_up(self):
        report = self.report()
        self.login_as(self.w.admin_a)
        self.client.post(f"/publicity/reports/{report.pk}/submit/")
        self.assertEqual(self.client.post(f"/publicity/reports/{report.pk}/send/").status_code, 404)
        self.login_as(self.w.staff)
        self.client.post(f"/publicity/reports/{report.pk}/send/")
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SENT)

    def test_it_hides_another_organizations_reports(self):
        report = self.report()
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/publicity/reports/{report.pk}/").status_code, 404)
        self.assertNotContains(self.client.get("/publicity/reports/"), report.title)


class TargetTests(PublicityTestCase):
    def test_it_counts_sent_and_adopted_per_organization_against_targets(self):
        year = timezone.localdate().year
        for i in range(7):
            r = services.info_report_create(by=self.w.admin_a, org=self.w.branch_a1, title=f"信息{i}", body="正文")
            services.submit(record=r, by=self.w.admin_a)
            services.send_up(record=r, by=self.w.staff)
            if i < 2:
                services.info_report_adopt(report=r, by=self.w.staff, level="regional", adopted_on=timezone.localdate())
        rows = {r.org.code: r for r in selectors.target_rows(root=self.w.committee, year=year)}
        self.assertEqual((rows["A"].sent, rows["A"].adopted, rows["A"].target), (7, 2, 3))
        self.assertTrue(rows["A"].met)
        self.assertEqual((rows["B"].sent, rows["B"].met), (0, False))

    def test_it_reads_targets_from_settings(self):
        with self.settings(DANGJIAN={"publicity": {"info_report_targets": {"party_committee": 12, "default": 1}}}):
            rows = selectors.target_rows(root=self.w.committee, year=2024)
        self.assertEqual({r.org.code: r.target for r in rows}, {"A": 12, "B": 12})

    def test_it_shows_the_targets_page(self):
        self.login_as(self.w.staff)
        response = self.client.get(f"/publicity/reports/targets/?org=GW&year={dt.date.today().year}")
        self.assertContains(response, "市财政局机关党委")
        self.assertContains(response, "信息报送完成情况")

    def test_it_counts_a_year_by_when_reports_were_sent(self):
        r = services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="去年的信息", body="正文")
        services.submit(record=r, by=self.w.admin_a)
        services.send_up(record=r, by=self.w.staff, at=timezone.make_aware(dt.datetime(2023, 12, 30, 10)))
        self.assertEqual(selectors.info_reports_sent_in(self.w.committee, 2023).count(), 1)
        self.assertEqual(selectors.info_reports_sent_in(self.w.committee, 2024).count(), 0)
        self.assertEqual(InfoReport.objects.count(), 1)
