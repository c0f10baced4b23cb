"""The .xlsx is checked as an archive before any row is read, and rows are capped (issue 10 §3)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from unittest import mock

from django.test import override_settings
from openpyxl import Workbook

from dangjian.core.importing import ImportResult, read_rows
from dangjian.core.importing.workbook import estimate_rows

from .test_importing import COLUMNS, ImportTestCase
from .zipbomb import bomb_bytes

BOMB = bomb_bytes()  # built once: 0.8 MB declaring 330 MB of XML


class ArchiveTestCase(ImportTestCase):
    def read_errors(self, path: str) -> list[str]:
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        table = read_rows(path, COLUMNS, result)
        if table is not None:
            list(table)
        return [str(e) for e in result.errors]

    def zip_file(self, members: dict[str, bytes]) -> str:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return self.raw_file(buffer.getvalue())


class ZipBombTests(ArchiveTestCase):
    def test_it_refuses_a_zip_bomb_from_the_directory_without_inflating_anything(self):
        path = self.raw_file(BOMB)
        tracemalloc.start()
        try:
            with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("inflated")):
                errors = self.read_errors(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(len(errors), 1)
        self.assertIn("解压后过大", errors[0])
        self.assertIn("xl/worksheets/sheet1.xml", errors[0])
        self.assertLess(peak, 5 * 2**20)

    @override_settings(DANGJIAN={"imports": {"max_member_bytes": 2**30, "max_total_bytes": 2**30}})
    def test_it_refuses_a_compression_ratio_no_spreadsheet_has(self):
        errors = self.read_errors(self.raw_file(BOMB))
        self.assertIn("压缩比异常", errors[0])
        self.assertIn("上限 100 倍", errors[0])

    @override_settings(DANGJIAN={"imports": {"max_total_bytes": 1000}})
    def test_it_refuses_a_total_above_the_limit(self):
        path = self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]])
        errors = self.read_errors(path)
        self.assertIn("共约", errors[0])
        self.assertIn("未导入任何数据", errors[0])

    @override_settings(DANGJIAN={"imports": {"max_members": 5}})
    def test_it_refuses_too_many_members(self):
        errors = self.read_errors(self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]]))
        self.assertIn("超过上限 5 个", errors[0])

    def test_it_refuses_a_zip_that_is_not_a_workbook(self):
        errors = self.read_errors(self.zip_file({"readme.txt": b"hello"}))
        self.assertIn("不是 Excel 表格", errors[0])

    def workbook_bytes(self) -> bytes:
        with open(self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]]), "rb") as f:
            return f.read()

    def test_it_refuses_a_zip_version_python_cannot_read(self):
        # Found by the fuzz test: zipfile raised NotImplementedError("zip file version 8.4"), a 500 on the page.
        content = bytearray(self.workbook_bytes())
        at = content.index(b"PK\x01\x02")  # the first entry of the central directory
        content[at + 6 : at + 8] = (84).to_bytes(2, "little")  # version needed to extract: 8.4
        errors = self.read_errors(self.raw_file(bytes(content)))
        self.assertEqual(len(errors), 1)
        self.assertIn("已损坏", errors[0])
        self.assertEqual(estimate_rows(self.raw_file(bytes(content))), 0)

    def test_it_refuses_a_compression_method_python_cannot_read(self):
        content = bytearray(self.workbook_bytes())
        for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local header, directory entry
            at = -1
            while (at := content.find(signature, at + 1)) >= 0:
                content[at + offset : at + offset + 2] = (99).to_bytes(2, "little")  # AES, not in zipfile
        errors = self.read_errors(self.raw_file(bytes(content)))
        self.assertEqual(len(errors), 1)
        self.assertIn("已损坏", errors[0])

    def test_it_refuses_a_truncated_workbook(self):
        with open(self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]]), "rb") as f:
            content = f.read()
        errors = self.read_errors(self.raw_file(content[: len(content) // 2]))
        self.assertIn("已损坏", errors[0])

    def test_a_template_sized_workbook_passes(self):
        self.assertEqual(self.read_errors(self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]])), [])


class RowCapTests(ArchiveTestCase):
    def sheet(self, data_rows: int) -> str:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("党组织")
        ws.append(["组织编码", "组织名称"])
        for i in range(data_rows):
            ws.append([f"A{i:03}", f"第{i}支部"])
        return self.save(wb)

    @override_settings(DANGJIAN={"imports": {"max_rows": 10}})
    def test_it_refuses_a_file_above_the_row_cap_naming_the_cap(self):
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        table = read_rows(self.sheet(11), COLUMNS, result)
        assert table is not None
        read = list(table)
        self.assertTrue(table.failed)
        self.assertEqual(len(read), 10)  # it stops at the cap, the rest is never read
        self.assertEqual(len(result.errors), 1)
        self.assertIsNone(result.errors[0].row)
        self.assertIn("超过 10 行的上限", result.errors[0].message)

    @override_settings(DANGJIAN={"imports": {"max_rows": 10}})
    def test_a_file_at_the_cap_is_read_whole(self):
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        table = read_rows(self.sheet(10), COLUMNS, result)
        assert table is not None
        self.assertEqual(len(list(table)), 10)
        self.assertFalse(table.failed)
        self.assertTrue(result.ok)

    def test_the_default_cap_is_20000_rows(self):
        from dangjian.core.importing.conf import ImportSettings

        self.assertEqual(ImportSettings.current().max_rows, 20_000)

    def test_it_estimates_the_rows_without_parsing_cells(self):
        self.assertEqual(estimate_rows(self.sheet(1234)), 1235)

    def test_it_counts_rows_written_with_a_namespace_prefix(self):
        import zipfile

        path = self.sheet(3)
        rows = "".join(f'<x:row r="{n}"><x:c r="A{n}"><x:v>{n}</x:v></x:c></x:row>' for n in range(1, 70001))
        xml = f'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>{rows}'
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("xl/worksheets/sheet9.xml", xml + "</x:sheetData></x:worksheet>")
        self.assertEqual(estimate_rows(path), 70000)  # spans several read blocks

    def test_the_rows_are_read_once_and_a_second_loop_says_so(self):
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        table = read_rows(self.sheet(3), COLUMNS, result)
        assert table is not None
        self.assertEqual(len(list(table)), 3)
        with self.assertRaises(RuntimeError):
            list(table)

    def test_progress_is_told_the_rows_read(self):
        seen: list[int] = []
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        table = read_rows(self.sheet(1200), COLUMNS, result, progress=seen.append)
        assert table is not None
        list(table)
        self.assertEqual(seen, [500, 1000, 1200])


class FuzzFoundTests(ArchiveTestCase):
    """What the fuzz tests of the importers found, kept as plain tests."""

    def test_an_infinite_number_is_no_integer(self):
        from dangjian.core.importing import CellError, integer

        for value in ("inf", "1e309", "-inf"):
            with self.assertRaises(CellError):
                integer(value, low=1, high=10)
