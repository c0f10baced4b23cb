"""The lean sheet reader gives what openpyxl's read-only mode gives, cell for cell (on fuzzed workbooks)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from typing import Any

from django.test import SimpleTestCase
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook

from dangjian.core.importing.xlsxread import Workbook

from .fuzz_workbooks import fuzz, workbooks

HEADERS = ["组织编码", "组织名称", "成立日期", "任期年数"]


def _trim(values: tuple[Any, ...]) -> tuple[Any, ...]:
    cells = list(values)
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def openpyxl_rows(path: str) -> list[tuple[str, dict[int, tuple[Any, ...]]]]:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()
            rows = {n: _trim(v) for n, v in enumerate(ws.iter_rows(values_only=True), start=1)}
            sheets.append((ws.title, {n: v for n, v in rows.items() if v}))
        return sheets
    finally:
        wb.close()


def lean_rows(path: str) -> list[tuple[str, dict[int, tuple[Any, ...]]]]:
    wb = Workbook(path)
    try:
        return [(s.title, {n: _trim(v) for n, v in wb.rows(s) if _trim(v)}) for s in wb.sheets]
    finally:
        wb.close()


class LeanReaderTests(SimpleTestCase):
    def path_of(self, content: bytes) -> str:
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.write(fd, content)
        os.close(fd)
        self.addCleanup(os.unlink, path)
        return path

    def test_it_reads_what_openpyxl_reads(self):
        def check(content: bytes) -> None:
            path = self.path_of(content)
            self.assertEqual(lean_rows(path), openpyxl_rows(path))

        fuzz(workbooks(HEADERS, [{"组织编码": "A01", "组织名称": "一支部", "成立日期": dt.date(2020, 7, 1)}]), check)

    def test_dates_numbers_and_shared_strings(self):
        wb = OpenpyxlWorkbook()
        ws = wb.active
        ws.append(["文本", 12, 3.5, dt.date(2020, 7, 1), dt.datetime(2021, 1, 2, 3, 4), True, None, "=1+1"])
        ws["J5"] = "跳过的行"
        wb.save(path := self.path_of(b""))
        self.assertEqual(lean_rows(path), openpyxl_rows(path))
        rows = lean_rows(path)[0][1]
        self.assertEqual(rows[1][:6], ("文本", 12, 3.5, dt.datetime(2020, 7, 1), dt.datetime(2021, 1, 2, 3, 4), True))
        self.assertEqual(rows[5], (None,) * 9 + ("跳过的行",))

    def test_a_cell_at_the_last_column_does_not_widen_every_row(self):
        import tracemalloc

        wb = OpenpyxlWorkbook()
        ws = wb.active
        ws.append(["组织编码", "组织名称"])
        for i in range(2, 4002):
            ws.cell(row=i, column=1, value=f"A{i}")
            ws.cell(row=i, column=16384, value="XFD")  # column XFD, far right of any template
        wb.save(path := self.path_of(b""))
        lean = Workbook(path)
        self.addCleanup(lean.close)
        tracemalloc.start()
        try:
            widths = {len(values) for _, values in lean.rows(lean.sheets[0])}
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertLessEqual(max(widths), 256)
        self.assertLess(peak, 5_000_000)  # rows padded to 16,384 values would take ~500 MB
