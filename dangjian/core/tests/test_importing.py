"""The shared Excel reader, cell parsers and upload staging behind both imports."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from dangjian.core import importing
from dangjian.core.importing import CellError, Column, ImportResult
from dangjian.core.testing import BaseTestCase

COLUMNS = [Column("组织编码", required=True), Column("组织名称", required=True), Column("成立日期")]


class ImportTestCase(BaseTestCase):
    def xlsx(self, rows: list[list], *, title: str | None = None) -> str:
        wb = Workbook()
        ws = wb.active
        if title:
            ws.append([title])
        for row in rows:
            ws.append(row)
        return self.save(wb)

    def save(self, wb: Workbook) -> str:
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        wb.save(path)
        self.addCleanup(os.unlink, path)
        return path

    def raw_file(self, content: bytes, suffix: str = ".xlsx") -> str:
        fd, path = tempfile.mkstemp(suffix=suffix)
        os.write(fd, content)
        os.close(fd)
        self.addCleanup(os.unlink, path)
        return path

    def read(self, path: str) -> tuple[importing.SheetRows | None, ImportResult]:
        result = ImportResult(kind="orgs", file_name="x.xlsx", dry_run=True)
        return importing.read_rows(path, COLUMNS, result), result


class ReaderTests(ImportTestCase):
    def test_it_finds_the_header_below_a_title_row(self):
        table, result = self.read(self.xlsx([["组织编码", "组织名称"], ["A01", "一支部"]], title="党组织导入表"))
        self.assertTrue(result.ok)
        self.assertEqual(table.header_row, 2)
        self.assertEqual([n for n, _ in table], [3])

    def test_it_accepts_marked_headers_and_ignores_unknown_columns(self):
        table, result = self.read(self.xlsx([["备注", "*组织名称", "组织编码（必填）"], ["x", "一支部", "A01"]]))
        self.assertTrue(result.ok)
        self.assertEqual(table.headers["组织编码"], 2)
        self.assertEqual(table.headers["组织名称"], 1)

    def test_it_names_a_missing_required_header(self):
        _, result = self.read(self.xlsx([["组织编码", "成立日期"], ["A01", "2020-01-01"]]))
        self.assertEqual(len(result.errors), 1)
        self.assertIn("缺少必填列：组织名称", result.errors[0].message)

    def test_it_reports_a_sheet_without_headers(self):
        _, result = self.read(self.xlsx([["甲", "乙"], ["1", "2"]]))
        self.assertIn("未找到表头", result.errors[0].message)

    def test_it_reports_a_sheet_without_data_rows(self):
        _, result = self.read(self.xlsx([["组织编码", "组织名称"], [None, None]]))
        self.assertIn("没有数据行", result.errors[0].message)

    def test_it_keeps_excel_row_numbers_across_blank_rows(self):
        table, _ = self.read(self.xlsx([["组织编码", "组织名称"], ["A01", "一"], [None, None], ["A02", "二"]]))
        self.assertEqual([n for n, _ in table], [2, 4])

    def test_it_refuses_a_text_file_renamed_xlsx(self):
        _, result = self.read(self.raw_file("组织编码,组织名称\nA01,一支部\n".encode()))
        self.assertIn("不是有效的 Excel", result.errors[0].message)

    def test_it_refuses_a_damaged_xlsx(self):
        _, result = self.read(self.raw_file(b"PK\x03\x04" + b"\x00" * 200))
        self.assertIn("已损坏", result.errors[0].message)

    def test_it_explains_the_old_xls_format(self):
        _, result = self.read(self.raw_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100))
        self.assertIn(".xls", result.errors[0].message)

    def test_it_reports_an_empty_file(self):
        _, result = self.read(self.raw_file(b""))
        self.assertIn("文件是空的", result.errors[0].message)


class CellTests(ImportTestCase):
    def test_it_reads_excel_dates_and_text_dates_alike(self):
        day = dt.date(2020, 7, 1)
        for value in (dt.datetime(2020, 7, 1), day, "2020-07-01", "2020/7/1", "2020.07.01", "2020年7月1日"):
            self.assertEqual(importing.date(value), day, value)

    def test_it_reports_unreadable_dates(self):
        for value in ("2020-13-01", "01/07/2020", "20200701", "去年", 43831):
            with self.assertRaises(CellError, msg=value):
                importing.date(value)

    def test_it_refuses_future_dates_when_asked(self):
        with self.assertRaisesMessage(CellError, "晚于今天"):
            importing.date("2999-01-01", not_after_today=True)

    def test_it_reads_numbers_typed_as_numbers_as_text(self):
        self.assertEqual(importing.text(13912345678.0), "13912345678")

    def test_it_reads_yes_and_no(self):
        self.assertTrue(importing.yes_no("是"))
        self.assertFalse(importing.yes_no(None))
        with self.assertRaises(CellError):
            importing.yes_no("也许")

    def test_it_splits_unit_names_on_the_enumeration_comma(self):
        self.assertEqual(importing.split_names("市财政局、市税务局，市财政局"), ["市财政局", "市税务局"])


@override_settings(UPLOAD_DIR=Path(tempfile.gettempdir()) / "dangjian-test-uploads")
class StagingTests(ImportTestCase):
    def upload(self, name: str = "名册.xlsx", content: bytes = b"PK\x03\x04 content") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)

    def test_it_keeps_the_upload_under_a_random_name_and_gives_it_back_once(self):
        session: dict = {}
        staged = importing.stage_upload(session, "members", self.upload())
        self.assertNotIn("名册", staged.path.name)
        again = importing.take_staged(session, "members", staged.token)
        self.assertEqual(again.path, staged.path)
        with self.assertRaisesMessage(importing.StagingError, "已失效"):
            importing.take_staged(session, "members", staged.token)
        staged.path.unlink()

    def test_it_refuses_a_wrong_token(self):
        session: dict = {}
        staged = importing.stage_upload(session, "members", self.upload())
        with self.assertRaises(importing.StagingError):
            importing.take_staged(session, "members", "forged")
        staged.path.unlink(missing_ok=True)

    def test_it_refuses_a_file_changed_since_the_preview(self):
        session: dict = {}
        staged = importing.stage_upload(session, "members", self.upload())
        staged.path.write_bytes(b"PK\x03\x04 other content")
        with self.assertRaisesMessage(importing.StagingError, "已被更改"):
            importing.take_staged(session, "members", staged.token)
        self.assertFalse(staged.path.exists())

    def test_it_refuses_other_types_and_oversized_files(self):
        with self.assertRaisesMessage(importing.StagingError, ".xlsx"):
            importing.stage_upload({}, "members", self.upload("名册.csv"))
        big = self.upload()
        big.size = importing.MAX_UPLOAD_BYTES + 1
        with self.assertRaisesMessage(importing.StagingError, "文件过大"):
            importing.stage_upload({}, "members", big)
