"""Every file of the corpus: ordinary party-building text passes with no finding at all,
every spam variant is blocked. One test per file, generated from the folder."""

from __future__ import annotations

from pathlib import Path

from django.test import SimpleTestCase

from dangjian.publicity import contentsec

from .helpers import CORPUS

NAMES = ["市财政局", "市教育局", "市财政局机关党委", "市教育局第一党支部", "市直机关工委"]


def _scan(path: Path) -> contentsec.ScanResult:
    opts = contentsec.options(names=NAMES, allowed=None)
    return contentsec.scan(path.read_text(encoding="utf-8"), opts=opts, html=path.suffix == ".html")


class CorpusTests(SimpleTestCase):
    def test_it_holds_at_least_fifty_files_of_each_kind(self):
        self.assertGreaterEqual(len(list((CORPUS / "normal").iterdir())), 50)
        self.assertGreaterEqual(len(list((CORPUS / "spam").iterdir())), 50)


def _normal_test(path: Path):
    def test(self):
        result = _scan(path)
        self.assertEqual(
            result.findings, [], f"{path.name}: {[(f.kind, f.excerpt, f.message) for f in result.findings]}"
        )

    return test


def _spam_test(path: Path):
    def test(self):
        result = _scan(path)
        self.assertEqual(result.verdict, "blocked", f"{path.name} passed the gate")
        text = path.read_text(encoding="utf-8")
        for f in result.findings:
            self.assertEqual(text[f.start : f.end], f.excerpt, f"{path.name}: offsets do not point at the excerpt")

    return test


for _path in sorted((CORPUS / "normal").iterdir()):
    setattr(CorpusTests, f"test_it_passes_{_path.stem}", _normal_test(_path))
for _path in sorted((CORPUS / "spam").iterdir()):
    setattr(CorpusTests, f"test_it_blocks_{_path.stem}", _spam_test(_path))
