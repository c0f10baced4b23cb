"""Excel out: every list can be exported to .xlsx.

Cells that a spreadsheet would read as a formula (starting with = + - @, or a
tab/CR) are neutralized with a leading apostrophe-like quote, so an exported
roster can never run code on the reader's machine (CSV/formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
