"""The report as a Word file in the 公文 layout (GB/T 9704): A4, margins 37/35/28/26 mm, the title in
方正小标宋 2号, headings in 黑体 3号, the body in 仿宋 3号 at a fixed 28.95 pt line, page numbers
"— 1 —" in the footer, and an appendix table of every figure with its key and its source.

The fonts are AnnualSettings' (a deployment names its own); Word substitutes what the reader's
machine has where one is missing.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .conf import AnnualSettings
from .selectors.figures import Document

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_SMALL_4 = Pt(12)  # 小四


def _font(run: Run, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    props = run._element.get_or_add_rPr()
    fonts = props.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        props.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _line(p: Paragraph, *, indent: bool = True) -> None:
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 三号


def _page_number(p: Paragraph, font: str) -> None:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), font, SIZE_4)
    run = p.add_run()
    _font(run, font, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), font, SIZE_4)


def report_docx(doc: Document) -> bytes:
    rules = AnnualSettings.current()
    report = doc.report
    out = new_docx()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    _page_number(section.footer.paragraphs[0], rules.body_font)

    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    _font(title.add_run(report.title), rules.title_font, SIZE_2)
    sub = out.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(sub, indent=False)
    _font(sub.add_run(f"{report.org.name}（{report.year}年）"), rules.body_font, SIZE_3)

    for s in doc.sections:
        if not s.paragraphs:
            continue
        h = out.add_paragraph()
        _line(h)
        _font(h.add_run(s.heading), rules.heading_font, SIZE_3)
        for runs in s.paragraphs:
            p = out.add_paragraph()
            _line(p)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            for r in runs:
                _font(p.add_run(r.text), rules.body_font, SIZE_3)

    appendix = out.add_section(WD_SECTION.NEW_PAGE)
    appendix.top_margin, appendix.bottom_margin = Mm(37), Mm(35)
    appendix.left_margin, appendix.right_margin = Mm(28), Mm(26)
    h = out.add_paragraph()
    _font(h.add_run("附件"), rules.heading_font, SIZE_3)
    t = out.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(t.add_run("报告数据来源表"), rules.title_font, Pt(18))
    note = (
        "数据已于" + report.frozen_at.strftime("%Y年%m月%d日") + "冻结"
        if report.frozen_at and doc.frozen
        else "实时数据"
    )
    n = out.add_paragraph()
    n.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(n.add_run(f"（{note}）"), rules.body_font, SIZE_SMALL_4)
    table = out.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("序号", "指标", "数值", "指标键", "来源"), strict=True):
        _font(cell.paragraphs[0].add_run(text), rules.heading_font, SIZE_SMALL_4)
    for i, f in enumerate(doc.figures, start=1):
        cells = table.add_row().cells
        values = (str(i), f.label, f.exact_display, f.key, f.source)
        for cell, text in zip(cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), rules.body_font, SIZE_SMALL_4)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
