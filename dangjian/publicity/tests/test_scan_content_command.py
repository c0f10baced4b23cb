import io
import json
import sys
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from .helpers import CORPUS


def run(*args: str, stdin: str | None = None) -> tuple[int, dict]:
    out = io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        call_command("scan_content", *args, stdout=out)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.stdin = old
    return code, json.loads(out.getvalue())


class ScanContentCommandTests(TestCase):
    def test_it_prints_clean_and_exits_zero_for_ordinary_text(self):
        code, data = run(str(CORPUS / "normal" / "normal_001.txt"))
        self.assertEqual((code, data), (0, {"verdict": "clean", "findings": []}))

    def test_it_prints_the_findings_and_exits_one_for_spam(self):
        path = CORPUS / "spam" / "spam_003.txt"
        code, data = run(str(path))
        self.assertEqual(code, 1)
        self.assertEqual(data["verdict"], "blocked")
        text = path.read_text(encoding="utf-8")
        for f in data["findings"]:
            self.assertTrue({"kind", "excerpt", "start", "end"} <= set(f))
            self.assertEqual(text[f["start"] : f["end"]], f["excerpt"])

    def test_it_reads_html_files(self):
        code, data = run(str(CORPUS / "spam" / "spam_html_001.html"))
        self.assertEqual(code, 1)
        self.assertIn("hidden_link", [f["kind"] for f in data["findings"]])

    def test_it_reads_standard_input(self):
        code, data = run("-", stdin="市财澳门新葡京官网局")
        self.assertEqual(code, 1)
        self.assertEqual(data["findings"][0]["excerpt"], "澳门新葡京官网")
        code, data = run("-", stdin="下载学习强国app，365天坚持学习")
        self.assertEqual((code, data["verdict"]), (0, "clean"))

    def test_it_reads_gb18030_files(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gbk.txt"
            path.write_bytes("澳门新葡京8455".encode("gb18030"))
            code, data = run(str(path))
        self.assertEqual(code, 1)

    def test_it_says_so_when_the_file_is_missing(self):
        with self.assertRaisesMessage(CommandError, "找不到文件"):
            call_command("scan_content", "/no/such/file.txt", stdout=io.StringIO())
