"""Who may take which step on a report or a paper: one rule (permissions.record_refusal) for services and pages."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.publicity import permissions
from dangjian.publicity.models import PaperKind, ReportStatus
from dangjian.publicity.services import papers
from dangjian.publicity.services import reports as services

from .helpers import PublicityTestCase


class RecordStepTests(PublicityTestCase):
    def setUp(self):
        super().setUp()
        self.report = services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="信息", body="正文")

    def test_an_organizations_writer_drafts_and_submits_but_never_sends_up(self):
        services.submit(record=self.report, by=self.w.admin_a)
        for step in (
            lambda: services.send_up(record=self.report, by=self.w.admin_a),
            lambda: services.return_to_org(record=self.report, by=self.w.admin_a, comment="自己退回"),
        ):
            with self.assertRaises(ValidationError) as refused:
                step()
            self.assertEqual(codes_of(refused.exception), {"publicity_report_not_permitted"})
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.SUBMITTED)

    def test_another_organizations_admin_may_not_submit_or_edit(self):
        for step in (
            lambda: services.submit(record=self.report, by=self.w.admin_b),
            lambda: services.info_report_update(
                report=self.report, by=self.w.admin_b, org=self.w.org_a, title="改", body="改"
            ),
        ):
            with self.assertRaises(ValidationError) as refused:
                step()
            self.assertEqual(codes_of(refused.exception), {"publicity_report_not_permitted"})
        self.report.refresh_from_db()
        self.assertEqual((self.report.status, self.report.title), (ReportStatus.DRAFT, "信息"))

    def test_the_actions_follow_role_and_state(self):
        writer = permissions.record_actions(self.w.admin_a, self.report)
        self.assertEqual((writer.edit, writer.submit, writer.review, writer.adopt), (True, True, False, False))
        services.submit(record=self.report, by=self.w.admin_a)
        staff = permissions.record_actions(self.w.staff, self.report)
        self.assertEqual(
            (staff.edit, staff.submit, staff.send, staff.return_, staff.adopt), (False,) * 2 + (True,) * 2 + (False,)
        )
        services.send_up(record=self.report, by=self.w.staff)
        staff = permissions.record_actions(self.w.staff, self.report)
        self.assertEqual((staff.review, staff.adopt, staff.award), (False, True, False))

    def test_a_paper_is_awarded_not_adopted(self):
        paper = papers.paper_create(
            by=self.w.admin_a, kind=PaperKind.CASE_STUDY, org=self.w.org_a, year=2024, title="案例", body="正文"
        )
        services.submit(record=paper, by=self.w.admin_a)
        services.send_up(record=paper, by=self.w.staff)
        actions = permissions.record_actions(self.w.staff, paper)
        self.assertEqual((actions.award, actions.adopt), (True, False))
        with self.assertRaises(ValidationError) as refused:
            papers.paper_award(
                paper=paper, by=self.w.admin_a, level="first", name="奖", awarded_on=timezone.localdate()
            )
        self.assertEqual(codes_of(refused.exception), {"publicity_report_not_permitted"})

    def test_the_page_shows_the_committees_buttons_only_to_committee_staff(self):
        services.submit(record=self.report, by=self.w.admin_a)
        self.login_as(self.w.admin_a)
        page = self.client.get(f"/publicity/reports/{self.report.pk}/")
        self.assertNotContains(page, "报送上级</button>")
        self.assertNotContains(page, "提交工委</button>")
        self.login_as(self.w.staff)
        self.assertContains(self.client.get(f"/publicity/reports/{self.report.pk}/"), "报送上级</button>")
