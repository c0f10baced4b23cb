import io

from django.test import SimpleTestCase
from openpyxl import load_workbook

from dangjian.core.excel import neutralize, workbook_bytes


class ExcelExportTests(SimpleTestCase):
    def test_it_neutralizes_cells_that_look_like_formulas(self):
        for text in ("=1+1", "+86", "-1", "@SUM(A1)"):
            self.assertEqual(neutralize(text), "'" + text)
        self.assertEqual(neutralize("张三"), "张三")
        self.assertEqual(neutralize(5), 5)

    def test_the_workbook_holds_headers_and_safe_rows(self):
        data = workbook_bytes(["姓名", "备注"], [["张三", '=HYPERLINK("http://x")']], title="名册")
        ws = load_workbook(io.BytesIO(data)).active
        self.assertEqual(ws.title, "名册")
        self.assertEqual([c.value for c in ws[1]], ["姓名", "备注"])
        self.assertEqual(ws["B2"].value, '\'=HYPERLINK("http://x")')
        self.assertEqual(ws["B2"].data_type, "s")
