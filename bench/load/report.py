"""Printing the load test's figures: aligned tables (Chinese counts double), verdicts, percentiles."""

from __future__ import annotations

import unicodedata


def log(message: str) -> None:
    print(message, flush=True)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    log("  ".join(_pad(h, w, i > 0) for i, (h, w) in enumerate(zip(headers, widths, strict=True))))
    log("  ".join("-" * w for w in widths))
    for row in rows:
        log("  ".join(_pad(v, w, i > 0) for i, (v, w) in enumerate(zip(row, widths, strict=True))))


def verdict(met: bool) -> str:
    return "达标" if met else "未达标"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]
