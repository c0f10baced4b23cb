import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.publicity.models import PaperKind, ReportStatus
from dangjian.publicity.services import papers as services
from dangjian.publicity.services import reports as steps

from .helpers import PublicityTestCase


class PaperMixin:
    def make_paper(self, title="“红色代办”助企服务", org=None, kind=PaperKind.CASE_STUDY, year=2024):
        return services.paper_create(
            by=self.w.admin_a,
            kind=kind,
            org=org or self.w.org_a,
            year=year,
            title=title,
            body="第一段。\n第二段。",
            authors="张明",
        )


class PaperTests(PaperMixin, PublicityTestCase):
    def test_it_goes_from_draft_to_sent_and_awarded(self):
        paper = self.make_paper()
        steps.submit(record=paper, by=self.w.admin_a)
        steps.send_up(record=paper, by=self.w.staff)
        services.paper_award(
            paper=paper, by=self.w.staff, level="first", name="全区机关党建优秀案例", awarded_on=timezone.localdate()
        )
        paper.refresh_from_db()
        self.assertEqual((paper.status, paper.award_level_label()), (ReportStatus.SENT, "一等奖"))

    def test_it_awards_only_what_was_sent_up(self):
        paper = self.make_paper()
        with self.assertRaises(ValidationError) as refused:
            services.paper_award(
                paper=paper, by=self.w.staff, level="first", name="奖", awarded_on=timezone.localdate()
            )
        self.assertEqual(codes_of(refused.exception), {"publicity_report_wrong_state"})

    def test_it_refuses_an_award_without_level_or_name_or_dated_tomorrow(self):
        paper = self.make_paper()
        steps.submit(record=paper, by=self.w.admin_a)
        steps.send_up(record=paper, by=self.w.staff)
        with self.assertRaises(ValidationError) as refused:
            services.paper_award(
                paper=paper, by=self.w.staff, level="gold", name=" ", awarded_on=timezone.localdate() + dt.timedelta(1)
            )
        self.assertEqual(
            codes_of(refused.exception),
            {"publicity_award_level_unknown", "publicity_award_name_required", "publicity_awarded_in_future"},
        )
        paper.refresh_from_db()
        self.assertEqual(paper.award_level, "")

    def test_it_refuses_a_paper_of_an_impossible_year(self):
        with self.assertRaises(ValidationError) as refused:
            self.make_paper(year=1999)
        self.assertEqual(codes_of(refused.exception), {"publicity_paper_year_invalid"})

    def test_it_lets_only_committee_staff_record_an_award(self):
        paper = self.make_paper()
        steps.submit(record=paper, by=self.w.admin_a)
        steps.send_up(record=paper, by=self.w.staff)
        self.login_as(self.w.admin_a)
        response = self.client.post(
            f"/publicity/papers/cases/{paper.pk}/award/", {"level": "first", "name": "奖", "awarded_on": "2024-05-01"}
        )
        self.assertEqual(response.status_code, 404)

    def test_it_keeps_research_outputs_apart_from_case_studies(self):
        research = self.make_paper(title="机关党建研究", kind=PaperKind.RESEARCH_OUTPUT)
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get(f"/publicity/papers/cases/{research.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/publicity/papers/research/{research.pk}/").status_code, 200)


class CompilationTests(PaperMixin, PublicityTestCase):
    def test_it_compiles_a_years_papers_into_one_word_document_in_order(self):
        for title, org in (
            ("乙：教育局的案例", self.w.org_b),
            ("甲：财政局的案例", self.w.org_a),
            ("丙：财政局支部的案例", self.w.branch_a1),
        ):
            steps.submit(record=self.make_paper(title=title, org=org), by=self.w.staff)
        self.make_paper(title="草稿不收录")
        self.make_paper(title="别的年度", year=2023)
        self.login_as(self.w.staff)
        response = self.client.get("/publicity/papers/cases/compilation.docx?year=2024")
        self.assertEqual(response.status_code, 200)
        doc = Document(io.BytesIO(response.content))
        text = [p.text for p in doc.paragraphs]
        self.assertIn("市直属机关工委2024年度优秀案例汇编", text[0])
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        # By organization (the tree's order), then title.
        self.assertEqual(headings, ["1. 甲：财政局的案例", "2. 丙：财政局支部的案例", "3. 乙：教育局的案例"])
        self.assertNotIn("草稿不收录", "\n".join(text))
        self.assertNotIn("别的年度", "\n".join(text))
        self.assertIn("第二段。", text)

    def test_it_compiles_only_what_the_user_sees_and_records_the_export(self):
        steps.submit(record=self.make_paper(title="教育局的案例", org=self.w.org_b), by=self.w.staff)
        steps.submit(record=self.make_paper(title="财政局的案例"), by=self.w.staff)
        self.login_as(self.w.admin_a)
        doc = Document(io.BytesIO(self.client.get("/publicity/papers/cases/compilation.docx?year=2024").content))
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn("财政局的案例", text)
        self.assertNotIn("教育局的案例", text)
        self.assertTrue(AuditEntry.objects.filter(event="export", additional_data__papers=1).exists())
