"""Measured, not hoped (issue 15 §3): every spam sample's variants are caught, the clean corpus is not.

The report (recall per mutation family) is printed and is part of every failure message.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

from django.test import SimpleTestCase

from dangjian.publicity import contentsec
from dangjian.publicity.contentsec import mutations
from dangjian.publicity.contentsec.ruleset import read_list

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
NAMES = ["市财政局", "市教育局", "市财政局机关党委", "市教育局第一党支部", "市直机关工委"]


class RecallTests(SimpleTestCase):
    total: collections.Counter[str]
    blocked: collections.Counter[str]
    warned: collections.Counter[str]
    missed: list[tuple[str, str, str]]
    report: str

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        opts = contentsec.options(names=NAMES, allowed=None)
        cls.total = collections.Counter()
        cls.blocked = collections.Counter()
        cls.warned = collections.Counter()
        cls.missed = []
        for path in sorted((CORPUS / "spam").glob("*.txt")):
            sample = path.read_text(encoding="utf-8").strip()
            for family, variant, is_html in mutations.variants(sample):
                cls.total[family] += 1
                result = contentsec.scan(variant, opts=opts, html=is_html)
                if result.verdict == "blocked":
                    cls.blocked[family] += 1
                elif any(f.kind == "spam_score" for f in result.findings):
                    cls.warned[family] += 1
                else:
                    cls.missed.append((path.name, family, variant))
        cls.report = "\n".join(
            f"{family:12} 拦截 {cls.blocked[family]:4}/{n:<4} 提示审核 {cls.warned[family]:3}  "
            f"召回率 {(cls.blocked[family] + cls.warned[family]) / n:.0%}"
            for family, n in sorted(cls.total.items())
        )
        print("\n内容安全检查：变体召回率（按变形方式）\n" + cls.report)

    def test_it_tries_every_kind_of_mutation(self):
        kinds = {"spacing", "dots", "dashes", "line_breaks", "case", "look_alike", "full_width", "zero_width"}
        kinds |= {"digits", "brand_swap", "position", "html"}
        self.assertEqual(set(self.total), kinds)
        self.assertGreaterEqual(sum(self.total.values()), 850)

    def test_every_variant_is_caught(self):
        self.assertEqual(self.missed, [], self.report)

    def test_every_variant_but_an_unseen_bare_brand_is_blocked(self):
        for family, n in self.total.items():
            if family != "brand_swap":
                self.assertEqual(self.blocked[family], n, f"{family}\n{self.report}")
        self.assertGreaterEqual(self.blocked["brand_swap"], self.total["brand_swap"] - 2, self.report)


class HeldOutBrandsTests(SimpleTestCase):
    def test_no_rule_file_holds_a_held_out_brand(self):
        rules = Path(contentsec.options().rules.folder)
        entries = [e for f in rules.glob("*/*.txt") for e in read_list(f)]
        for toml in rules.glob("**/*.toml"):
            entries += [
                line for line in toml.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
            ]
        for brand in mutations.HELD_OUT + mutations.TRAINING_BRANDS:
            with self.subTest(brand=brand):
                self.assertFalse([e for e in entries if brand in e])
        self.assertFalse(set(mutations.HELD_OUT) & set(mutations.TRAINING_BRANDS))


class CleanCorpusTests(SimpleTestCase):
    def test_it_holds_at_least_three_hundred_normal_texts(self):
        self.assertGreaterEqual(len(list((CORPUS / "normal").iterdir())), 300)

    def test_no_normal_text_has_a_finding(self):
        opts = contentsec.options(names=NAMES, allowed=None)
        found = []
        for path in sorted((CORPUS / "normal").iterdir()):
            result = contentsec.scan(path.read_text(encoding="utf-8"), opts=opts, html=path.suffix == ".html")
            found += [(path.name, f.kind, f.excerpt) for f in result.findings]
        self.assertEqual(found, [])


class ScorerTests(SimpleTestCase):
    def test_the_model_is_plain_json_weights(self):
        path = Path(contentsec.options().rules.folder) / "model" / "scorer.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        self.assertTrue({"intercept", "threshold", "weights"} <= set(data))
        self.assertLess(path.stat().st_size, 200_000)

    def test_a_high_score_is_a_warning_with_the_span_never_a_block(self):
        text = "市教育局第一党支部召开支委会。在鸿运官网召开支委会，注册即可领取"
        result = contentsec.scan(text, opts=contentsec.options(names=()), html=False)
        scored = [f for f in result.findings if f.kind == "spam_score"]
        self.assertTrue(scored, result.findings)
        self.assertEqual(result.verdict, "clean")
        for f in scored:
            self.assertEqual((f.severity, f.family), ("warn", "statistical"))
            self.assertEqual(text[f.start : f.end], f.excerpt)
            self.assertIn("得分", f.message)
