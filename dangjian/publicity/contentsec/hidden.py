"""Which elements of the tree a reader cannot see, and why.

Looks at inline styles, at <style> rules (simple selectors: tag, .class, #id,
[attr], with descendant combinators), at legacy attributes (hidden, width=0,
<font color>) and at elements never shown (noscript, template). Hiding that
spammers use: display:none, visibility:hidden, opacity:0, font-size:0, tiny
boxes with overflow hidden, positions or indents far off-screen, clip, text in
the colour of its background, and wrapping all that around a container.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .htmltree import Node

# A rule starts at the beginning or right after a brace: tried from every character, a long
# text without braces costs the square of its length (the matches are the same).
_RULE = re.compile(r"(?<![^{}])([^{}]+)\{([^{}]*)\}")
_NUMBER = re.compile(r"(-?\d*\.?\d+)\s*(px|pt|em|rem|%|vw|vh|cm|mm|in|pc|ex|ch)?")
_COMPOUND = re.compile(r"([a-zA-Z][\w-]*|\*)?((?:[.#][\w-]+|\[[^\]]+\])*)$")

NAMED_COLORS = {
    "white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
    "snow": (255, 250, 250), "ivory": (255, 255, 240), "whitesmoke": (245, 245, 245),
}  # fmt: skip


def _uncomment(css: str) -> str:
    """CSS without its /* comments */: each from a /* to the first */ after it, as a lazy regular
    expression would remove them, without trying every /* again when none is closed (that costs
    the square of the length)."""
    parts: list[str] = []
    at = 0
    while True:
        start = css.find("/*", at)
        end = css.find("*/", start + 2) if start >= 0 else -1
        if end < 0:
            parts.append(css[at:])
            return "".join(parts)
        parts.append(css[at:start])
        at = end + 2


def parse_declarations(text: str) -> dict[str, str]:
    return dict(_declarations(text)) if text else {}


@functools.lru_cache(maxsize=4096)
def _declarations(text: str) -> tuple[tuple[str, str], ...]:
    """(property, value) of a style attribute, in order (an article repeats the same few styles)."""
    decls: dict[str, str] = {}
    for part in _uncomment(text).split(";"):
        if ":" not in part:
            continue
        prop, value = part.split(":", 1)
        value = re.sub(r"!\s*important", "", value, flags=re.I).strip().lower()
        decls[prop.strip().lower()] = value
    return tuple(decls.items())


@dataclass
class Rule:
    compounds: list[str]  # descendant chain, last one matches the element
    decls: dict[str, str]


def parse_stylesheet(css: str) -> list[Rule]:
    rules: list[Rule] = []
    for selectors, body in _RULE.findall(_uncomment(css)):
        decls = parse_declarations(body)
        if not decls:
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if not selector or selector.startswith("@") or ":" in selector:
                continue  # at-rules' own text, pseudo-classes (:hover is not the resting state)
            rules.append(Rule([c for c in re.split(r"\s*[>+~]\s*|\s+", selector) if c], decls))
    return rules


def _matches(compound: str, node: Node) -> bool:
    m = _COMPOUND.match(compound)
    if not m:
        return False
    name, rest = m.group(1), m.group(2) or ""
    if name and name != "*" and name.lower() != node.name:
        return False
    for part in re.findall(r"[.#][\w-]+|\[[^\]]+\]", rest):
        if part[0] == "." and part[1:] not in node.classes():
            return False
        if part[0] == "#" and node.attrs.get("id") != part[1:]:
            return False
        if part[0] == "[":
            attr = re.split(r"[~|^$*]?=", part[1:-1], maxsplit=1)[0].strip().lower()
            if attr not in node.attrs:
                return False
    return True


def rule_applies(rule: Rule, node: Node) -> bool:
    if not _matches(rule.compounds[-1], node):
        return False
    pending = rule.compounds[:-1]
    for ancestor in node.ancestors():
        if not pending:
            break
        if _matches(pending[-1], ancestor):
            pending = pending[:-1]
    return not pending


def _px(value: str) -> float | None:
    m = _NUMBER.search(value)
    if not m:
        return None
    number, unit = float(m.group(1)), (m.group(2) or "px")
    factor = {"px": 1, "pt": 4 / 3, "em": 16, "rem": 16, "ex": 8, "ch": 8, "pc": 16, "cm": 37.8, "mm": 3.78, "in": 96}
    if unit in ("%", "vw", "vh"):
        return number * 10  # a percentage of something page-sized
    return number * factor.get(unit, 1)


def parse_color(value: str) -> tuple[int, int, int, float] | None:
    value = value.strip().lower()
    if value == "transparent":
        return (0, 0, 0, 0.0)
    if value in NAMED_COLORS:
        return (*NAMED_COLORS[value], 1.0)
    m = re.fullmatch(r"#([0-9a-f]{3,8})", value)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) not in (6, 8):
            return None
        alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)
    m = re.fullmatch(r"rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)", value)
    if m:
        a = m.group(4)
        alpha = 1.0 if a is None else (float(a[:-1]) / 100 if a.endswith("%") else float(a))
        return (round(float(m.group(1))), round(float(m.group(2))), round(float(m.group(3))), alpha)
    return None


def _background(decls: dict[str, str]) -> str | None:
    if "background-color" in decls:
        return decls["background-color"]
    bg = decls.get("background")
    if bg:
        for token in re.findall(r"#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+", bg):
            if parse_color(token) is not None:
                return token
    return None


# Every style property _reason looks at: a node whose style has none of them is hidden by its
# attributes or not at all.
EXAMINED = frozenset(
    "display visibility opacity font-size overflow overflow-x overflow-y width height max-width max-height "
    "line-height position left top right bottom text-indent margin-left margin-top margin transform clip "
    "clip-path color".split()
)


class Visibility:
    """Decides hiding for the nodes of one tree; results are cached per node."""

    def __init__(self, root: Node, thresholds: dict, invisible: list[str]) -> None:
        self.rules: list[Rule] = []
        for node in root.walk():
            if node.name == "style":
                self.rules += parse_stylesheet(node.all_text())
        self.t = thresholds
        self.invisible = set(invisible)
        self._style: dict[int, dict[str, str]] = {}
        self._own: dict[int, str | None] = {}

    def style(self, node: Node) -> dict[str, str]:
        key = id(node)
        if key not in self._style:
            decls: dict[str, str] = {}
            for rule in self.rules:
                if rule_applies(rule, node):
                    decls.update(rule.decls)
            inline = node.attrs.get("style", "")
            if inline:
                decls.update(_declarations(inline))
            # Legacy presentational attributes.
            if node.name == "font" and "color" in node.attrs:
                decls.setdefault("color", node.attrs["color"].lower())
            if "bgcolor" in node.attrs:
                decls.setdefault("background-color", node.attrs["bgcolor"].lower())
            self._style[key] = decls
        return self._style[key]

    def own_reason(self, node: Node) -> str | None:
        """Why NODE itself hides its content, or None."""
        key = id(node)
        if key not in self._own:
            self._own[key] = self._reason(node)
        return self._own[key]

    def _reason(self, node: Node) -> str | None:
        if node.name in self.invisible:
            return f"<{node.name}> 中的内容不显示"
        if "hidden" in node.attrs:
            return "hidden 属性"
        if node.name == "input" and node.attrs.get("type", "").lower() == "hidden":
            return "隐藏的输入框"
        s = self.style(node)
        t = self.t
        box = float(t.get("max_box_px", 2))
        if s.keys().isdisjoint(EXAMINED):
            return self._tiny_box(node, box)  # the only check that needs no style
        offscreen = float(t.get("offscreen_px", 100))
        if s.get("display", "").startswith("none"):
            return "display:none"
        if s.get("visibility") in ("hidden", "collapse"):
            return f"visibility:{s['visibility']}"
        opacity = _px(s["opacity"]) if "opacity" in s else None
        if opacity is not None and "%" not in s["opacity"] and opacity <= float(t.get("max_opacity", 0.1)):
            return f"opacity:{s['opacity']}"
        if "font-size" in s:
            size = _px(s["font-size"])
            if size is not None and size <= float(t.get("max_font_px", 1.5)):
                return f"font-size:{s['font-size']}"
        clipped = s.get("overflow", "").startswith(("hidden", "clip")) or "overflow-x" in s or "overflow-y" in s
        for prop in ("width", "height", "max-width", "max-height", "line-height"):
            if prop in s and clipped:
                size = _px(s[prop])
                if size is not None and size <= box:
                    return f"{prop}:{s[prop]} 且 overflow:hidden"
        tiny = self._tiny_box(node, box)
        if tiny:
            return tiny
        if s.get("position", "") in ("absolute", "fixed", "relative"):
            for prop in ("left", "top", "right", "bottom"):
                size = _px(s.get(prop, ""))
                if size is not None and size <= -offscreen:
                    return f"position:{s['position']}; {prop}:{s[prop]}（移出页面）"
            for prop in ("left", "top"):
                size = _px(s.get(prop, ""))
                if size is not None and size >= offscreen * 50:
                    return f"position:{s['position']}; {prop}:{s[prop]}（移出页面）"
        for prop in ("text-indent", "margin-left", "margin-top", "margin"):
            size = _px(s.get(prop, ""))
            if size is not None and size <= -offscreen:
                return f"{prop}:{s[prop]}（移出页面）"
        transform = s.get("transform", "")
        if re.search(r"scale[xy]?\(\s*0(\.0+)?\s*[,)]", transform):
            return f"transform:{transform}"
        for value in re.findall(r"translate[xy]?\(\s*(-?[\d.]+\w*)", transform):
            size = _px(value)
            if size is not None and abs(size) >= offscreen:
                return f"transform:{transform}（移出页面）"
        clip = s.get("clip", "") + s.get("clip-path", "")
        if re.search(r"rect\(\s*0[a-z]*[\s,]+0", clip) or re.search(r"inset\(\s*(50|100)%", clip):
            return f"clip:{clip}"
        return self._same_color(node)

    def _tiny_box(self, node: Node, box: float) -> str | None:
        for attr in ("width", "height"):
            if node.name in ("iframe", "img", "marquee", "div", "table", "td") and attr in node.attrs:
                size = _px(node.attrs[attr])
                if size is not None and size <= box:
                    return f'{attr}="{node.attrs[attr]}"'
        return None

    def _same_color(self, node: Node) -> str | None:
        own = self.style(node).get("color")
        if own is None:
            return None
        color = parse_color(own)
        if color is None:
            return None
        if color[3] <= float(self.t.get("max_opacity", 0.1)):
            return f"color:{own}（透明文字）"
        background = None
        for n in (node, *node.ancestors()):
            bg = _background(self.style(n))
            if bg is not None:
                background = parse_color(bg)
                if background is not None and background[3] > 0:
                    break
                background = None
        if background is None:
            background = parse_color(str(self.t.get("page_background", "#ffffff")))
        if background is not None and _close(color, background):
            return f"color:{own}（文字与背景同色）"
        return None

    def hidden_by(self, node: Node) -> tuple[Node, str] | None:
        """The node (NODE or an ancestor) that hides NODE, and why."""
        path: list[Node] = []
        for n in (node, *node.ancestors()):
            reason = self.own_reason(n)
            if reason and not (_by_color(reason) and any(self._paints(p) for p in path)):
                return n, reason
            path.append(n)
        return None

    def _paints(self, node: Node) -> bool:
        """Whether NODE sets its own text or background colour (so an ancestor's colour trick misses it)."""
        s = self.style(node)
        return "color" in s or _background(s) is not None


def _by_color(reason: str) -> bool:
    return "同色" in reason or "透明文字" in reason


def _close(a: tuple[int, int, int, float], b: tuple[int, int, int, float]) -> bool:
    return sum(abs(x - y) for x, y in zip(a[:3], b[:3], strict=True)) <= 24
