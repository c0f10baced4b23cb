"""Word in the 公文 layout and PDF from the same text, each with the appendix of figures and sources."""

from __future__ import annotations

import io

import pypdfium2
from docx import Document as read_docx

from dangjian.annual import selectors, services
from dangjian.annual.models import JobKind
from dangjian.annual.pdf import report_pdf
from dangjian.annual.word import report_docx

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list


class DocumentTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        with only_metrics(*seed_metric_list()):
            self.report = services.report_create(org=self.w.committee, year=YEAR)
            self.doc = selectors.document(self.report)

    def test_word_has_the_official_layout_the_text_and_the_appendix(self):
        out = read_docx(io.BytesIO(report_docx(self.doc)))
        section = out.sections[0]
        self.assertEqual(
            [
                round(m.mm)
                for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
            ],
            [37, 35, 28, 26],
        )
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))
        self.assertIn("PAGE", section.footer._element.xml)
        text = "\n".join(p.text for p in out.paragraphs)
        self.assertIn("处级干部参学900多人次，比上年增长15.3%。", text)
        self.assertIn("培训党员干部2800余人次", text)
        title = out.paragraphs[0].runs[0]
        self.assertEqual(title.font.name, "方正小标宋简体")
        table = out.tables[0]
        self.assertEqual([c.text for c in table.rows[0].cells], ["序号", "指标", "数值", "指标键", "来源"])
        rows = {r.cells[3].text: (r.cells[2].text, r.cells[4].text) for r in table.rows[1:]}
        self.assertEqual(rows["central_group.attendances"], ("922人次", "测试数据"))
        self.assertEqual(len(rows), len(self.doc.figures))

    def test_the_pdf_states_the_same_figures_and_numbers_its_pages(self):
        pdf = pypdfium2.PdfDocument(report_pdf(self.doc, base_url="http://testserver"))
        self.assertGreaterEqual(len(pdf), 2)  # the text, then the appendix on a page of its own
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        flat = "".join(text.split())
        self.assertIn("900多人次", flat)
        self.assertIn("2800余人次", flat)
        self.assertIn("报告数据来源表", flat)
        self.assertIn("—1—", flat)
        self.assertIn("central_group.attendances", flat)

    def test_the_same_drawing_serves_the_synchronous_path(self):
        self.assertTrue(services.draw(self.report, JobKind.DOCX).startswith(b"PK"))
