"""Variants of a spam sample, as an attacker writes them (issue 15 §3).

`variants(text)` turns one sample into many: spacing, case, look-alike
letters, full width, zero width, changed digits, the brand swapped for one
from HELD_OUT (brands no rule file contains), its position in an ordinary
text, HTML wrapping. Used by the corpus tests (recall per family) and by
`train_contentsec` (more spam to learn from). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

# Brand names of the rule files, as they appear inside samples.
KNOWN_BRANDS = (
    "澳门新葡京", "新葡京", "葡京", "威尼斯人", "金沙", "银河", "太阳城", "美高梅", "永利", "新濠", "皇冠",
    "威廉希尔", "博狗", "立博", "沙巴", "金宝博", "亚博", "开云", "乐鱼", "华体会", "九游", "必威", "伟德",
    "米乐", "半岛", "星空", "博鱼", "欧宝", "万博", "明升", "利来", "凯发", "开元", "大发",
)  # fmt: skip
# Brands of the kind the spam industry invents every month; no rule file holds them.
HELD_OUT = ("鼎盛", "鸿运", "金鼎", "星辉", "天豪", "金百利", "聚宝盆", "富贵", "银座", "恒发", "旺财", "隆鑫")
# Other invented brands, for training the scorer (train_contentsec): the tests' HELD_OUT stay unseen.
TRAINING_BRANDS = ("宏发", "金满堂", "福禄", "顺丰彩", "天成", "汇丰源", "吉祥坊", "新宝", "大富豪", "鑫旺")

LOOK_ALIKE_LATIN = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}
LOOK_ALIKE_DIGIT = {"e": "3", "o": "0", "l": "1", "s": "5", "a": "4", "t": "7"}
TRADITIONAL = dict(zip("门乐网娱开户体国际场银亚游戏电发", "門樂網娛開戶體國際場銀亞遊戲電發", strict=True))
CONTEXTS = (
    "{x}",
    "市财政局机关党委召开党员大会。{x}",
    "{x}。全体党员参加学习。",
    "为深入学习贯彻党的二十大精神，{x}，推动党建工作与业务工作深度融合。",
)


def _between(text: str, sep: str) -> str:
    return sep.join(text)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _swap_brand(text: str, rng: random.Random, brands: tuple[str, ...]) -> str | None:
    for brand in KNOWN_BRANDS:
        if brand in text:
            return text.replace(brand, rng.choice(brands))
    return None


def _change_digits(text: str, rng: random.Random) -> str | None:
    """Every run of digits replaced by other digits, as long or one longer (never a year: 2019官网 is not a code)."""
    if not re.search(r"\d", text):
        return None

    def other(m: re.Match[str]) -> str:
        n = len(m.group())
        if n == 1 and m.start() > 0 and text[m.start() - 1].isalpha() and text[m.end() : m.end() + 1].isalpha():
            return m.group()  # a look-alike letter (p0rn), not a number
        while True:
            new = str(rng.randrange(10 ** (n - 1) if n > 1 else 1, 10 ** (n + 1)))
            if new != m.group() and not re.fullmatch(r"(19|20)\d\d", new):
                return new

    return re.sub(r"\d+", other, text)


def _html(text: str, how: int) -> str:
    if how == 0:
        return "<p>" + "".join(f"<span>{ch}</span>" for ch in text) + "</p>"
    if how == 1:
        return "<div><p>正文。</p><p>" + "<b></b>".join(text) + "</p></div>"
    return "<p>" + "<br>".join(text) + "</p>"


def variants(text: str, seed: int = 0, brands: tuple[str, ...] = HELD_OUT) -> Iterator[tuple[str, str, bool]]:
    """(mutation, variant, is_html) for one plain-text spam sample; BRANDS replace the known ones."""
    rng = random.Random(f"{seed}:{text}")
    yield "spacing", _between(text, " "), False
    yield "dots", _between(text, "."), False
    yield "dashes", _between(text, "-"), False
    yield "line_breaks", _between(text, "\n"), False
    yield "case", text.upper(), False
    yield "case", text.swapcase(), False
    yield "look_alike", "".join(LOOK_ALIKE_LATIN.get(ch, ch) for ch in text), False
    yield "look_alike", "".join(TRADITIONAL.get(ch, ch) for ch in text), False
    yield (
        "look_alike",
        re.sub(r"[a-z]+", lambda m: "".join(LOOK_ALIKE_DIGIT.get(c, c) for c in m.group()), text, count=1),
        False,
    )
    yield "full_width", _fullwidth(text), False
    yield "zero_width", _between(text, "\u200b"), False
    yield "zero_width", _between(text, "\ufeff\u200d"), False
    changed = _change_digits(text, rng)
    if changed is not None:
        yield "digits", changed, False
    swapped = _swap_brand(text, rng, brands)
    if swapped is not None:
        yield "brand_swap", swapped, False
        yield "brand_swap", _between(swapped, " "), False
    for context in CONTEXTS[1:]:
        yield "position", context.format(x=text), False
    for how in range(3):
        yield "html", _html(text, how), True
