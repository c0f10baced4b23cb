"""The yearly report: pending → draft → submitted, filed by the secretary themself or the
organization's administrators; refused once submitted, empty, after the round, or a bad file."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.core.testing import make_user
from dangjian.evaluation import services
from dangjian.evaluation.models import ReportStatus

from .helpers import EvaluationTestCase, pdf


class ReportServiceTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round(evaluators=0)
        self.subject = self.subjects(self.round)["A01"]

    def test_a_draft_then_a_submission_each_set_their_time(self):
        s = services.report_save(subject=self.subject, text="一年来抓党建工作的情况……", upload=pdf())
        self.assertEqual(s.report_status, ReportStatus.DRAFT)
        self.assertIsNotNone(s.drafted_at)
        self.assertIsNone(s.submitted_at)
        self.assertEqual(s.report_file_name, "述职报告.pdf")
        s = services.report_save(subject=s, text="一年来抓党建工作的情况（定稿）", submit=True)
        self.assertEqual(s.report_status, ReportStatus.SUBMITTED)
        self.assertIsNotNone(s.submitted_at)
        self.assertEqual(s.report_file_name, "述职报告.pdf")  # kept when no new file comes

    def test_a_submitted_report_cannot_be_changed(self):
        services.report_save(subject=self.subject, text="定稿", submit=True)
        with self.assertRaises(Exception) as e:
            services.report_save(subject=self.subject, text="改一改")
        self.assertEqual(codes_of(e.exception), {"report_submitted"})
        self.subject.refresh_from_db()
        self.assertEqual(self.subject.report_text, "定稿")

    def test_submitting_an_empty_report_is_refused(self):
        with self.assertRaises(Exception) as e:
            services.report_save(subject=self.subject, text="  ", submit=True)
        self.assertEqual(codes_of(e.exception), {"report_empty"})
        self.subject.refresh_from_db()
        self.assertEqual(self.subject.report_status, ReportStatus.PENDING)

    def test_a_file_that_is_not_what_its_extension_says_is_refused(self):
        with self.assertRaises(Exception) as e:
            services.report_save(subject=self.subject, text="正文", upload=pdf(body=b"<html>not a pdf</html>"))
        self.assertEqual(codes_of(e.exception), {"upload_mismatch"})
        self.subject.refresh_from_db()
        self.assertEqual((self.subject.report_status, self.subject.report_file_name), (ReportStatus.PENDING, ""))

    def test_no_report_after_the_round(self):
        services.round_close(round_=self.round)
        with self.assertRaises(Exception) as e:
            services.report_save(subject=self.subject, text="迟交的报告", submit=True)
        self.assertEqual(codes_of(e.exception), {"report_round_closed"})


class ReportPageTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round(evaluators=0)
        self.subject = self.subjects(self.round)["A01"]
        self.url = f"/evaluation/reports/{self.subject.pk}/"

    def test_the_secretary_with_an_account_files_their_own_report(self):
        self.login_as(make_user("sun", person=self.secretaries["A01"]))
        self.assertContains(self.client.get("/evaluation/mine/"), self.round.title)
        r = self.client.post(self.url, {"text": "我的述职报告", "file": pdf(), "submit": "1"})
        self.assertEqual(r.status_code, 302)
        self.subject.refresh_from_db()
        self.assertEqual(self.subject.report_status, ReportStatus.SUBMITTED)
        self.assertEqual(self.client.get(f"{self.url}file/").status_code, 200)

    def test_the_org_admin_files_on_the_secretarys_behalf_and_another_org_admin_does_not_see_it(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.post(self.url, {"text": "代为填报", "draft": "1"}).status_code, 302)
        self.subject.refresh_from_db()
        self.assertEqual(self.subject.report_status, ReportStatus.DRAFT)
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, {"text": "x", "draft": "1"}).status_code, 404)

    def test_a_former_secretary_has_no_report_to_file(self):
        self.login_as(self.w.member)  # 张建国, A01's secretary until two years ago
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertContains(self.client.get("/evaluation/mine/"), "没有需要填报")

    def test_a_bad_file_on_the_page_is_shown_beside_the_field_and_nothing_is_saved(self):
        self.login_as(self.w.admin_a)
        r = self.client.post(self.url, {"text": "正文", "file": pdf("x.pdf", b"MZ\x90\x00"), "submit": "1"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "内容与扩展名不符")
        self.subject.refresh_from_db()
        self.assertEqual(self.subject.report_status, ReportStatus.PENDING)
