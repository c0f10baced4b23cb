"""manage.py train_contentsec [--corpus DIR] [--out FILE]

Trains the content-security gate's statistical second opinion (a character
n-gram logistic regression, contentsec/scorer.py) on the spam and clean
corpora and writes its weights as JSON (default: the rules folder's
model/scorer.json). The threshold is set above every clean window's score, so
the shipped corpus of normal texts never draws a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dangjian.publicity.contentsec import scorer
from dangjian.publicity.contentsec.conf import ContentSecSettings
from dangjian.publicity.contentsec.ruleset import load

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


class Command(BaseCommand):
    help = "训练内容安全检查的统计模型（字符 n 元组），把权重写成 JSON 数据文件"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="语料目录（含 spam/ 与 normal/）")
        parser.add_argument("--out", default="", help="输出文件（默认：规则目录下的 model/scorer.json）")

    def handle(self, *args: Any, **options: Any) -> None:
        corpus = Path(options["corpus"])
        if not (corpus / "spam").is_dir() or not (corpus / "normal").is_dir():
            raise CommandError(f"语料目录应含 spam/ 与 normal/ 两个子目录：{corpus}")
        folder = Path(ContentSecSettings.current().rules_dir)
        rules = load(folder)
        spam, clean = scorer.training_set(corpus, rules.homoglyphs)
        if not spam or not clean:
            raise CommandError("语料为空，无法训练。")
        model = scorer.train(spam, clean, c_value=20.0)
        clean_max = max(model.score_text(t) for t in clean)
        threshold = round(min(0.95, max(0.8, clean_max + 0.1)), 3)
        model = scorer.Scorer(weights=model.weights, intercept=model.intercept, threshold=threshold)
        caught = sum(model.score_text(t) >= threshold for t in spam)
        out = Path(options["out"]) if options["out"] else folder / "model" / "scorer.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(model.as_json(trained_on={"spam": len(spam), "clean": len(clean)}), encoding="utf-8")
        self.stdout.write(
            f"已训练：垃圾样本 {len(spam)} 段，正常文字 {len(clean)} 段，保留权重 {len(model.weights)} 个；"
            f"正常文字最高分 {clean_max:.3f}，阈值 {threshold}；训练集垃圾样本达到阈值 {caught}/{len(spam)}；写入 {out}"
        )
