"""manage.py scan_content prints, for each finding, the family, the span and why."""

import io
import json
import sys

from django.core.management import call_command
from django.test import TestCase

from dangjian.core.testing import make_org


def run(text: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        call_command("scan_content", "-", *args, stdout=out)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.stdin = old
    return code, out.getvalue()


class ScanContentFamiliesTests(TestCase):
    def test_json_names_the_family_and_why(self):
        code, out = run("访问bet9官网领取彩金")
        finding = json.loads(out)["findings"][0]
        self.assertEqual(code, 1)
        self.assertEqual((finding["family"], finding["excerpt"]), ("latin_brand_digits", "bet9官网"))
        self.assertIn("推广字符串", finding["message"])

    def test_the_table_prints_family_span_and_why_per_finding(self):
        make_org("T001", "市财政局机关党委", "party_committee")
        code, out = run("市财政局鼎盛机关党委召开会议", "--format", "table")
        self.assertEqual(code, 1)
        self.assertIn("name_tampered/name_insertion\t4-6\t“鼎盛”\t组织名称“市财政局机关党委”中被插入了“鼎盛”", out)

    def test_the_table_says_clean(self):
        code, out = run("市财政局机关党委召开会议", "--format", "table")
        self.assertEqual((code, out.strip()), (0, "结论：通过（0 项拦截，0 项提示）"))
