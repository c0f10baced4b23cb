"""The words of a section: unknown keys refused, unregistered ones left out of the sentence."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from dangjian.annual import selectors, services
from dangjian.annual.models import ReportSection
from dangjian.annual.services import SectionData
from dangjian.core.errors import codes_of

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list


class TemplateTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.report = services.report_create(org=self.w.committee, year=YEAR, by=self.w.staff)

    def update(self, template: str) -> None:
        services.report_update(
            report=self.report, title="报告", sections=[SectionData(heading="一、学习", template=template)]
        )

    def test_a_draft_starts_with_the_five_work_lines(self):
        headings = list(self.report.sections.values_list("heading", flat=True))
        self.assertEqual(len(headings), 5)
        self.assertTrue(headings[0].startswith("一、") and "理论学习" in headings[0])
        self.assertIn("志愿服务", headings[3])
        self.assertIn("品牌", headings[4])

    def test_a_misspelt_key_is_refused_and_nothing_is_saved(self):
        before = list(ReportSection.objects.values_list("template", flat=True))
        with self.assertRaises(ValidationError) as caught:
            self.update("举办培训班{training.clases}。")
        self.assertEqual(codes_of(caught.exception), {"unknown_figure_key"})
        self.assertIn("training.clases", str(caught.exception.messages))
        self.assertEqual(list(ReportSection.objects.values_list("template", flat=True)), before)

    def test_an_unpaired_brace_or_unknown_form_is_refused(self):
        for text in ("举办培训班{training.classes。", "举办培训班{training.classes:rough}。"):
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                self.update(text)
            self.assertEqual(codes_of(caught.exception), {"bad_placeholder"})

    def test_a_domain_key_not_registered_yet_is_accepted_and_its_sentence_left_out(self):
        with only_metrics(*seed_metric_list()):
            self.update(
                "举办培训班{training.classes}。发展党员{admission.admitted}。报送信息{info_reports.submitted}。"
            )
            doc = selectors.document(self.report)
        self.assertEqual(doc.plain_paragraphs(), [("一、学习", "举办培训班17次。报送信息130篇。")])
        self.assertEqual(doc.omitted, ["admission.admitted"])

    def test_the_words_are_the_committees_own(self):
        with only_metrics(*seed_metric_list()):
            self.update("今年我们办了{training.classes}培训班，一共{training.attendances:exact}。")
            doc = selectors.document(self.report)
        self.assertEqual(doc.plain_paragraphs(), [("一、学习", "今年我们办了17次培训班，一共2839人次。")])

    def test_a_paragraph_whose_last_sentence_is_left_out_still_ends_with_a_full_stop(self):
        with only_metrics(*seed_metric_list()):
            self.update("报送优秀案例{cases.submitted}，获奖{cases.awarded}；形成研究成果{research.outputs}。")
            doc = selectors.document(self.report)
        self.assertEqual(doc.plain_paragraphs(), [("一、学习", "报送优秀案例5篇，获奖2篇。")])
