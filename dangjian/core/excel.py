"""Excel out: every list can be exported to .xlsx.

Cells that a spreadsheet would read as a formula (starting with = + - @, or a
tab/CR) are neutralized with a leading apostrophe-like quote, so an exported
roster can never run code on the reader's machine (CSV/formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """Make VALUE safe to put in a cell: text that looks like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def workbook_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1", notes: Sequence[str] = ()
) -> bytes:
    """An .xlsx with a bold header row, frozen panes and sensible column widths."""
    # Imported here: openpyxl costs a web worker some 25 MB, and most requests never export.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(headers))
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="B71C1C")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center")
    widths = [max(4, len(str(h)) * 2 + 2) for h in headers]
    for row in rows:
        values = [neutralize(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            if v is not None:
                shown = v.strftime("%Y-%m-%d") if isinstance(v, (dt.date, dt.datetime)) else str(v)
                widths[i] = min(60, max(widths[i], sum(2 if ord(c) > 127 else 1 for c in shown) + 2))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
        for cell in ws[get_column_letter(i)][1:]:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    if notes:
        info = wb.create_sheet("填写说明")
        for line in notes:
            info.append([line])
        info.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- Excel in: the imports read sheets through read_table ------------------------

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary format (and other OLE files)


class ExcelReadError(ValueError):
    """The file cannot be read as a spreadsheet; the message is a Chinese sentence for the user."""


@dataclass
class Table:
    """The rows of one sheet below its header row. `rows` pairs each with its Excel row number."""

    sheet: str
    header_row: int
    headers: dict[str, int]  # normalized header → column index (0-based)
    rows: list[tuple[int, tuple[Any, ...]]]


def normalize_header(value: Any) -> str:
    """'* 出生日期（YYYY-MM-DD）' → '出生日期': templates mark required columns and add hints."""
    text = "" if value is None else str(value)
    text = "".join(text.split()).strip("*＊")
    for opening in ("(", "（"):
        if opening in text:
            text = text.split(opening, 1)[0]
    return text


def check_signature(path: str | Path) -> None:
    """Refuse what is not an .xlsx before openpyxl sees it (it would raise all sorts of things)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        raise ExcelReadError("无法打开上传的文件，请重新上传。") from None
    if not head:
        raise ExcelReadError("文件是空的，请选择填写好的 Excel（.xlsx）文件。")
    if head.startswith(XLS_MAGIC):
        raise ExcelReadError("不支持旧版 Excel（.xls）格式，请在 Excel 中“另存为”.xlsx 格式后再导入。")
    if not head.startswith(XLSX_MAGIC):
        raise ExcelReadError("文件不是有效的 Excel（.xlsx）文件，请使用导入模板填写后上传。")


def read_table(path: str | Path, known: Collection[str], *, scan_rows: int = 5) -> Table:
    """Read the first sheet whose header row (within the first SCAN_ROWS rows) names KNOWN columns.

    The header row is the one naming the most known columns, so a title row above it is
    skipped. Blank rows are dropped; values come as openpyxl gives them (dates as datetime).
    """
    from openpyxl import load_workbook

    from dangjian.core.importing.workbook import check_archive  # the imports' package imports this module

    check_archive(path)  # the zip's declared sizes first: a zip bomb is refused before anything inflates
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML and key errors alike for a damaged file
        raise ExcelReadError("文件已损坏或不是有效的 Excel（.xlsx）文件，无法读取。") from None
    try:
        for ws in wb.worksheets:
            table = _read_sheet(ws, known, scan_rows)
            if table is not None:
                return table
    except ExcelReadError:
        raise
    except Exception:
        raise ExcelReadError("文件内容已损坏，无法读取，请重新保存后再导入。") from None
    finally:
        wb.close()
    if not wb.worksheets:
        raise ExcelReadError("文件中没有工作表。")
    sample = "、".join(list(known)[:3])
    raise ExcelReadError(f"未找到表头：前{scan_rows}行中没有“{sample}”等列名，请使用导入模板填写。")


def _read_sheet(ws: Any, known: Collection[str], scan_rows: int) -> Table | None:
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        return None
    ws.reset_dimensions()  # some writers record a wrong sheet size; read what is there
    rows = ws.iter_rows(values_only=True)
    best: tuple[int, int, tuple[Any, ...]] | None = None  # (matches, row number, values)
    head: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(rows, start=1):
        head.append((number, tuple(values)))
        matches = sum(1 for v in values if normalize_header(v) in known)
        if matches and (best is None or matches > best[0]):
            best = (matches, number, tuple(values))
        if number >= scan_rows:
            break
    if best is None:
        return None
    _, header_row, header_values = best
    headers: dict[str, int] = {}
    for index, value in enumerate(header_values):
        name = normalize_header(value)
        if name and name not in headers:
            headers[name] = index
    body = [(n, v) for n, v in head if n > header_row]
    body.extend((n, tuple(v)) for n, v in enumerate(rows, start=len(head) + 1))
    data = [(n, v) for n, v in body if any(c is not None and str(c).strip() != "" for c in v)]
    return Table(sheet=ws.title, header_row=header_row, headers=headers, rows=data)
