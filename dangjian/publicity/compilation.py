"""The yearly compilation (汇编) of case studies or research outputs as one Word document."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import Paper, PaperKind

FONT = "SimSun"  # 宋体; Word substitutes a CJK font where it is missing


def _font(run, size: float | None = None, bold: bool = False, name: str = FONT) -> None:
    run.font.name = name
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    # East-Asian text takes the eastAsia font, not the Latin one.
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def title_of(kind: str, year: int, committee: str = "") -> str:
    return f"{committee}{year}年度{PaperKind(kind).label}汇编"


def compile_docx(*, kind: str, year: int, papers: Sequence[Paper], committee: str = "") -> bytes:
    """A .docx: a cover title, a table of contents, then each paper on its own page, in PAPERS' order."""
    doc = Document()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title_of(kind, year, committee)), 22, bold=True, name="SimHei")
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(note.add_run(f"共收录 {len(papers)} 篇"), 12)

    doc.add_paragraph()
    toc_head = doc.add_paragraph()
    _font(toc_head.add_run("目　录"), 16, bold=True, name="SimHei")
    for i, paper in enumerate(papers, 1):
        line = doc.add_paragraph()
        _font(line.add_run(f"{i}. {paper.title}（{paper.org.name}）"), 12)

    for i, paper in enumerate(papers, 1):
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        h = doc.add_heading(level=1)
        _font(h.add_run(f"{i}. {paper.title}"), 16, bold=True, name="SimHei")
        meta = doc.add_paragraph()
        byline = paper.org.name + (f"　{paper.authors}" if paper.authors else "")
        if paper.award_level:
            byline += f"　（{paper.award_name}{paper.award_level_label()}）"
        _font(meta.add_run(byline), 11)
        if paper.summary:
            p = doc.add_paragraph()
            _font(p.add_run("摘要：" + paper.summary), 11)
        for block in [b.strip() for b in paper.body.replace("\r\n", "\n").split("\n") if b.strip()]:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            _font(p.add_run(block), 12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
