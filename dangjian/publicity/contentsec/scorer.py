"""A second opinion that needs no list: a character n-gram scorer.

A logistic regression over the character 2- and 3-grams of the compact text
(normalize.py; every digit read as 0, so 8455 and 9159 are one shape), trained
by `manage.py train_contentsec` on the project's spam and clean corpora and
shipped as weights in rules/model/scorer.json (plain JSON, never a pickle).

At scan time each stretch of text between hard breaks is scored in windows of
`window` characters: score = sigmoid(intercept + sum(weights of its n-grams) /
sqrt(max(number of n-grams, MIN_GRAMS))). Windows scoring at or above `threshold` go to the
reviewer as a warning (`spam_score`) with the spans that scored highest. The
scorer never blocks on its own.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add
from pathlib import Path
from typing import Any

import ahocorasick

from .normalize import Compact

NGRAMS = (2, 3)
# Short stretches are damped: the weights are divided by sqrt(max(n-grams, MIN_GRAMS)),
# so a lone 官网 in a six-character title does not decide anything.
MIN_GRAMS = 30


def shape(text: str) -> str:
    """The compact text as the scorer reads it: digits all 0."""
    # str.replace per digit: str.translate walks a long Chinese text character by character.
    for digit in "123456789":
        if digit in text:
            text = text.replace(digit, "0")
    return text


def grams(text: str) -> list[str]:
    return [text[i : i + n] for n in NGRAMS for i in range(len(text) - n + 1)]


def segments(c: Compact) -> list[tuple[int, int]]:
    """Stretches of compact text between hard breaks."""
    cuts = [0, *sorted(b for b in c.breaks if 0 < b < len(c.text)), len(c.text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def windows(start: int, end: int, size: int, step: int) -> Iterable[tuple[int, int]]:
    if end - start <= size:
        yield start, end
        return
    at = start
    while True:
        stop = min(at + size, end)
        yield at, stop
        if stop == end:
            return
        at += step


@dataclass(frozen=True)
class Scorer:
    weights: dict[str, float]
    intercept: float
    threshold: float
    window: int = 40
    step: int = 20
    max_spans: int = 3
    # The n-grams of positive weight (value: (length, weight)), for a cheap bound (spans): one automaton
    # for every length, so the text is walked once; built once, not part of the model.
    positive: ahocorasick.Automaton = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        automaton = ahocorasick.Automaton()
        for key, weight in self.weights.items():
            if weight > 0 and len(key) in NGRAMS:
                automaton.add_word(key, (len(key), weight))
        if len(automaton):
            automaton.make_automaton()
        object.__setattr__(self, "positive", automaton)

    @classmethod
    def load(cls, path: Path) -> Scorer | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            window=int(data.get("window", 40)),
            step=int(data.get("step", 20)),
            max_spans=int(data.get("max_spans", 3)),
        )

    def as_json(self, **extra: Any) -> str:
        data = {
            "about": "内容安全检查的统计模型（字符 2、3 元组的逻辑回归权重），由 manage.py train_contentsec 生成",
            "intercept": round(self.intercept, 5),
            "threshold": self.threshold,
            "window": self.window,
            "step": self.step,
            "max_spans": self.max_spans,
            **extra,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=0) + "\n"

    def score_text(self, text: str) -> float:
        """The score of one short stretch of compact text (as trained)."""
        g = grams(shape(text))
        if not g:
            return 0.0
        total = sum(self.weights.get(x, 0.0) for x in g)
        return _sigmoid(self.intercept + total / math.sqrt(max(len(g), MIN_GRAMS)))

    def spans(self, c: Compact) -> list[tuple[int, int, float]]:
        """(start, end, score) in compact offsets of the highest-scoring windows at or above the threshold."""
        text = shape(c.text)
        n = len(text)
        if n < 2 or not self._may_reach(c, text):
            return []
        w = self.weights
        # prefix[k][i]: sum of the weights of the k-grams starting before i
        prefix: dict[int, list[float]] = {}
        for k in NGRAMS:
            # The k-grams, joined in C: text[i] + text[i+1] + … for every i.
            keys: Iterable[str] = text[: n - k + 1]
            for j in range(1, k):
                keys = map(add, keys, text[j : n - k + 1 + j])
            prefix[k] = list(accumulate(map(w.get, keys, repeat(0.0)), initial=0.0))
        found: list[tuple[int, int, float]] = []
        for seg_start, seg_end in segments(c):
            for a, b in windows(seg_start, seg_end, self.window, self.step):
                total, count = 0.0, 0
                for k in NGRAMS:
                    last = b - k + 1  # k-grams starting in a..last-1 lie inside the window
                    if last > a:
                        total += prefix[k][last] - prefix[k][a]
                        count += last - a
                if count == 0:
                    continue
                score = _sigmoid(self.intercept + total / math.sqrt(max(count, MIN_GRAMS)))
                if score >= self.threshold:
                    found.append((a, b, score))
        return _best(found, self.max_spans)

    def _may_reach(self, c: Compact, text: str) -> bool:
        """Whether a window of C could score at or above the threshold, counting only the n-grams of
        positive weight (an upper bound of its score). Ordinary text has few such n-grams: no window
        can, and the exact score of every window (spans) is not needed."""
        need = self.threshold - 1e-9  # a margin for rounding: the bound never says no wrongly
        ends: dict[int, list[int]] = {k: [] for k in NGRAMS}  # where the k-grams of positive weight end
        weights: dict[int, list[float]] = {k: [] for k in NGRAMS}  # (inclusive), in order, and their weights
        if self.positive.kind == ahocorasick.AHOCORASICK:
            for end, (k, weight) in self.positive.iter(text):
                ends[k].append(end)
                weights[k].append(weight)
        sums = {k: list(accumulate(weights[k], initial=0.0)) for k in NGRAMS}  # sums[k][i]: before the i-th

        def positive(a: int, b: int) -> tuple[float, int]:
            """(sum of the positive weights of the n-grams inside a..b, number of n-grams inside)."""
            total, count = 0.0, 0
            for k in NGRAMS:
                last = b - k + 1  # k-grams starting in a..last-1 end in a+k-1..b-1
                if last > a:
                    total += sums[k][bisect_left(ends[k], b)] - sums[k][bisect_left(ends[k], a + k - 1)]
                    count += last - a
            return total, count

        for seg_start, seg_end in segments(c):
            total, count = positive(seg_start, seg_end)
            if count == 0 or _sigmoid(self.intercept + total / math.sqrt(MIN_GRAMS)) < need:
                continue  # no window of the segment holds more, nor is divided by less
            for a, b in windows(seg_start, seg_end, self.window, self.step):
                total, count = positive(a, b)
                if count and _sigmoid(self.intercept + total / math.sqrt(max(count, MIN_GRAMS))) >= need:
                    return True
        return False


def _best(found: list[tuple[int, int, float]], limit: int) -> list[tuple[int, int, float]]:
    merged: list[list[Any]] = []
    for a, b, score in sorted(found):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = max(merged[-1][2], score)
        else:
            merged.append([a, b, score])
    top = sorted(merged, key=lambda m: -m[2])[:limit]
    return sorted((int(a), int(b), float(s)) for a, b, s in top)


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


# ---- training (manage.py train_contentsec) -------------------------------------------------


def train(spam: list[str], clean: list[str], *, keep: int = 4000, c_value: float = 4.0) -> Scorer:
    """Fit the weights on compact SPAM and CLEAN stretches (scikit-learn, at training time only)."""
    import numpy as np
    from scipy.sparse import diags
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = [shape(t) for t in spam + clean]
    labels = np.array([1] * len(spam) + [0] * len(clean))
    vectorizer = CountVectorizer(analyzer=grams, min_df=1)
    counts = vectorizer.fit_transform(docs)
    lengths = np.array([max(MIN_GRAMS, len(grams(d))) for d in docs], dtype=float)
    features = diags(1 / np.sqrt(lengths)) @ counts
    model = LogisticRegression(C=c_value, class_weight="balanced", max_iter=2000)
    model.fit(features, labels)
    coef = model.coef_[0]
    vocab = vectorizer.get_feature_names_out()
    order = np.argsort(-np.abs(coef))[:keep]
    weights = {str(vocab[i]): float(coef[i]) for i in order if abs(coef[i]) > 1e-4}
    return Scorer(weights=weights, intercept=float(model.intercept_[0]), threshold=0.5)


def training_set(corpus: Path, homoglyphs: dict[str, str]) -> tuple[list[str], list[str]]:
    """(spam, clean) compact stretches from CORPUS/spam and CORPUS/normal, cut the way scans cut them.

    Spam: each plain-text sample, and its variants with other digits and brands
    (mutations.py), whole. Clean: every window of every normal text (text and HTML).
    """
    from . import htmldoc
    from .mutations import TRAINING_BRANDS, variants
    from .normalize import compact, compact_plain

    def compacted(text: str, html: bool) -> Compact:
        if html:
            body = htmldoc.lex(text).body
            return compact(body.string, body.starts, body.ends, homoglyphs)
        return compact_plain(text, homoglyphs, tags=True)

    spam: list[str] = []
    for path in sorted((corpus / "spam").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        spam.append(compacted(text, False).text)
        for mutation, variant, html in variants(text, brands=TRAINING_BRANDS):
            if mutation in ("digits", "brand_swap", "look_alike"):
                spam.append(compacted(variant, html).text)
    clean: list[str] = []
    for path in sorted((corpus / "normal").iterdir()):
        c = compacted(path.read_text(encoding="utf-8"), path.suffix == ".html")
        for a, b in segments(c):
            clean += [c.text[x:y] for x, y in windows(a, b, 40, 20)]
    return sorted(set(spam)), clean
