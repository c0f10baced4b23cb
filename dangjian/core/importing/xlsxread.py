"""A lean reader of an .xlsx's sheets: values only, row by row, as openpyxl's read-only mode gives them.

openpyxl builds an object per shared string and per cell and, for a sheet
without a <dimension> element, parses the whole sheet once more just to size it:
on a 12,000-row roster that was about 40% of the import (issue 16 §1). Here the
XML is parsed by the C parser of ElementTree, fed block by block, and each row is
turned into a tuple of values directly, with openpyxl's own rules for numbers,
dates (from the cell's number format), booleans, shared and inline strings and
formulas (their cached value, as with data_only=True). Merged cells, as in
openpyxl's read-only mode, hold their value in the first cell only.

Only call it after `workbook.check_archive`: that bounds what is inflated here.
A document type declaration (the way to an entity-expansion bomb) never occurs
in a spreadsheet and is refused.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

# openpyxl is imported where it is used: importing it (with numpy, when installed) costs a web
# worker some 25 MB and a fifth of a second, and most workers never read a workbook.

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ROW, CELL, VALUE, INLINE, TEXT, RUN, PHONETIC = (MAIN + t for t in ("row", "c", "v", "is", "t", "r", "rPh"))
SHEET_DATA = MAIN + "sheetData"
BLOCK = 1 << 16
# Columns read of each row: wider than any import template by far. A cell further right
# (a one-cell row at column XFD) would otherwise pad every row to 16,384 values.
MAX_COLUMNS = 256
_COLUMN = re.compile(r"[A-Z]+")


class XlsxError(ValueError):
    """The workbook's XML cannot be read."""


@dataclass(frozen=True)
class SheetRef:
    title: str
    member: str  # the sheet's XML inside the zip


def _events(source: IO[bytes], tags: tuple[str, ...], starts: tuple[str, ...] = ()) -> Iterator[ET.Element]:
    """Elements named TAGS when they end (STARTS when they start), parsed block by block; refuses a DTD."""
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("start", "end") if starts else ("end",))
    tail = b""
    for block in iter(lambda: source.read(BLOCK), b""):
        window = tail + block
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise XlsxError("文件中含有文档类型声明，不是正常的 Excel 文件")
        tail = block[-9:]
        parser.feed(block)
        yield from _ended(parser, tags, starts)
    parser.close()
    yield from _ended(parser, tags, starts)


def _ended(parser: ET.XMLPullParser, tags: tuple[str, ...], starts: tuple[str, ...]) -> Iterator[ET.Element]:
    events = cast(Iterator[tuple[str, ET.Element]], parser.read_events())  # (event, element)
    for event, element in events:
        if element.tag in (tags if event == "end" else starts):
            yield element


def _string(element: ET.Element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>s; phonetic runs left out."""
    parts: list[str] = []
    for child in element:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            text = child.find(TEXT)
            if text is not None:
                parts.append(text.text or "")
    return "".join(parts)


class Workbook:
    """The sheets of one .xlsx; `rows(sheet)` reads one of them."""

    def __init__(self, path: str | Path):
        try:
            self._zip = zipfile.ZipFile(path)
            self._names = set(self._zip.namelist())
            self.sheets, self._epoch = self._read_workbook()
            self._strings: list[str] | None = None
            self._dates, self._timedeltas = self._read_styles()
        except Exception as e:
            self.close()
            raise XlsxError(str(e)) from e

    def close(self) -> None:
        if hasattr(self, "_zip"):
            self._zip.close()

    def _open(self, member: str) -> IO[bytes]:
        return self._zip.open(member)

    def _read_workbook(self) -> tuple[list[SheetRef], Any]:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self._names:
            with self._open("xl/_rels/workbook.xml.rels") as f:
                for rel in _events(f, (PKG_REL + "Relationship",)):
                    target = rel.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    targets[rel.get("Id", "")] = target
        sheets: list[SheetRef] = []
        epoch = CALENDAR_WINDOWS_1900
        with self._open("xl/workbook.xml") as f:
            for element in _events(f, (MAIN + "sheet", MAIN + "workbookPr")):
                if element.tag == MAIN + "workbookPr":
                    if element.get("date1904") in ("1", "true"):
                        epoch = CALENDAR_MAC_1904
                    continue
                member = targets.get(element.get(REL + "id", ""), "")
                if member.startswith("xl/worksheets/") and member in self._names:  # not a chart sheet
                    sheets.append(SheetRef(element.get("name", ""), member))
        return sheets, epoch

    def _read_styles(self) -> tuple[set[int], set[int]]:
        """Which cell styles show a date (or a duration), by openpyxl's rules."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        timedeltas: set[int] = set()
        if "xl/styles.xml" not in self._names:
            return dates, timedeltas
        custom: dict[int, str] = {}
        index = 0
        with self._open("xl/styles.xml") as f:
            for element in _events(f, (MAIN + "numFmt", MAIN + "cellXfs")):
                if element.tag == MAIN + "numFmt":
                    custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                    continue
                for xf in element:
                    number = int(xf.get("numFmtId", "0"))
                    code = custom.get(number) if number >= 164 else BUILTIN_FORMATS.get(number, "General")
                    if code and is_date_format(code):
                        dates.add(index)
                    if code and is_timedelta_format(code):
                        timedeltas.add(index)
                    index += 1
        return dates, timedeltas

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if "xl/sharedStrings.xml" in self._names:
                with self._open("xl/sharedStrings.xml") as f:
                    for si in _events(f, (MAIN + "si",)):
                        self._strings.append(_string(si))
                        si.clear()
        return self._strings

    def rows(self, sheet: SheetRef) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, values from column A to the row's last cell) for every row the sheet has.

        Cells right of MAX_COLUMNS are not read. Each row read is dropped from the tree at
        once, so memory stays that of one row however many (blank ones too) the sheet has.
        """
        strings = self._shared_strings()
        dates, timedeltas, epoch = self._dates, self._timedeltas, self._epoch
        columns: dict[str, int] = {}
        number = 0
        sheet_data: ET.Element | None = None
        with self._open(sheet.member) as f:
            for row in _events(f, (ROW,), (SHEET_DATA,)):
                if row.tag == SHEET_DATA:
                    sheet_data = row
                    continue
                given = row.get("r")
                number = int(given) if given else number + 1
                cells: dict[int, Any] = {}
                column = 0
                for c in row:
                    if c.tag != CELL:
                        continue
                    ref = c.get("r")
                    if ref:
                        letters = _COLUMN.match(ref)
                        key = letters.group() if letters else ""
                        column = columns.get(key) or columns.setdefault(key, _column_index(key))
                    else:
                        column += 1
                    if column <= MAX_COLUMNS:
                        cells[column] = _value(c, strings, dates, timedeltas, epoch)
                row.clear()
                if sheet_data is not None:
                    sheet_data.clear()  # the rows already read; the parser still holds the one it builds
                width = max(cells) if cells else 0
                yield number, tuple(cells.get(i) for i in range(1, width + 1))


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    if not 0 < index <= 16384:
        raise XlsxError(f"单元格列号“{letters}”无效")
    return index


def _value(c: ET.Element, strings: list[str], dates: set[int], timedeltas: set[int], epoch: Any) -> Any:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        inline = c.find(INLINE)
        return _string(inline) if inline is not None else None
    value = c.findtext(VALUE) or None
    if value is None:
        return None
    if kind == "n":
        number: Any = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
        style = int(c.get("s", "0") or 0)
        if style in dates:
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(number, epoch, timedelta=style in timedeltas)
            except (OverflowError, ValueError):
                return "#VALUE!"  # what openpyxl gives for a serial outside the dates
        return number
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(value)
    return value  # "str" (a formula's text), "e" (an error such as #DIV/0!)
