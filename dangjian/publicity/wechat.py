"""An article as WeChat-ready HTML: inline styles only, no external resources.

The WeChat editor keeps inline styles and drops stylesheets, classes and
scripts, and an article there may not load anything from elsewhere. So every
element gets its style inline, images are embedded as data: URIs, and links
(which WeChat does not allow to outside sites) become plain text with the
addresses listed at the end.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import html5lib
from django.utils.html import escape

from .models import Article, ArticleImage

STYLES = {
    "section": (
        "max-width:677px;margin:0 auto;padding:0 8px;"
        "font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#333333;"
    ),
    "h1": "font-size:22px;font-weight:bold;line-height:1.4;color:#b71c1c;margin:0 0 12px;",
    "h2": (
        "font-size:19px;font-weight:bold;color:#b71c1c;margin:20px 0 10px;"
        "border-left:4px solid #b71c1c;padding-left:8px;"
    ),
    "h3": "font-size:17px;font-weight:bold;color:#8e1212;margin:18px 0 8px;",
    "h4": "font-size:16px;font-weight:bold;margin:16px 0 8px;",
    "h5": "font-size:15px;font-weight:bold;margin:14px 0 6px;",
    "p": "font-size:16px;line-height:1.75;margin:0 0 14px;text-align:justify;",
    "blockquote": "margin:12px 0;padding:8px 12px;border-left:3px solid #d9c6c6;background:#faf5f5;color:#555555;",
    "ul": "margin:0 0 14px;padding-left:24px;font-size:16px;line-height:1.75;",
    "ol": "margin:0 0 14px;padding-left:24px;font-size:16px;line-height:1.75;",
    "li": "margin:0 0 6px;",
    "figure": "margin:14px 0;text-align:center;",
    "figcaption": "font-size:13px;color:#888888;margin-top:6px;text-align:center;",
    "img": "max-width:100%;height:auto;display:block;margin:0 auto;",
    "table": "border-collapse:collapse;width:100%;margin:0 0 14px;font-size:14px;",
    "th": "border:1px solid #dddddd;padding:6px;background:#faf5f5;font-weight:bold;",
    "td": "border:1px solid #dddddd;padding:6px;",
    "hr": "border:none;border-top:1px solid #eeeeee;margin:16px 0;",
    "strong": "font-weight:bold;",
    "b": "font-weight:bold;",
    "em": "font-style:italic;",
    "i": "font-style:italic;",
    "pre": "white-space:pre-wrap;font-size:14px;background:#f6f6f6;padding:8px;",
    "code": "font-family:Menlo,Consolas,monospace;font-size:14px;",
    "span": "",
    "div": "",
    "a": "color:#576b95;",
}
VOID = {"img", "br", "hr"}
FOOTER = "font-size:13px;color:#888888;margin:20px 0 0;border-top:1px solid #eeeeee;padding-top:8px;"
_IMAGE_SRC = re.compile(r"^/news/images/(\d+)/?$")


class _Writer:
    def __init__(self, images: dict[int, ArticleImage]) -> None:
        self.images = images
        self.links: list[str] = []
        self.parts: list[str] = []

    def element(self, el: Any) -> None:
        tag = str(el.tag).rsplit("}", 1)[-1].lower()
        if (
            tag not in STYLES
            and tag not in VOID
            and tag not in ("u", "s", "sub", "sup", "caption", "thead", "tbody", "tr")
        ):
            self.children(el)  # unknown wrapper: keep its content only
            return
        if tag == "img":
            self.image(el)
            return
        style = STYLES.get(tag, "") + (el.get("style") or "")
        if tag == "a":
            href = (el.get("href") or "").strip()
            self.parts.append(f'<span style="{escape(style)}">')
            self.children(el)
            if href and not href.startswith("#"):
                self.links.append(href)
                self.parts.append(f"<sup>[{len(self.links)}]</sup>")
            self.parts.append("</span>")
            return
        attrs = f' style="{escape(style)}"' if style else ""
        for name in ("colspan", "rowspan"):
            if el.get(name):
                attrs += f' {name}="{escape(el.get(name))}"'
        if tag in VOID:
            self.parts.append(f"<{tag}{attrs}>")
            return
        self.parts.append(f"<{tag}{attrs}>")
        self.children(el)
        self.parts.append(f"</{tag}>")

    def children(self, el: Any) -> None:
        if el.text:
            self.parts.append(escape(el.text))
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            if child.tail:
                self.parts.append(escape(child.tail))

    def image(self, el: Any) -> None:
        alt = el.get("alt") or ""
        m = _IMAGE_SRC.match((el.get("src") or "").strip())
        image = self.images.get(int(m.group(1))) if m else None
        if image is None:
            # Nothing may load from elsewhere: an outside image is left as its description.
            self.parts.append(f'<span style="color:#888888;font-size:13px;">［图片：{escape(alt)}］</span>')
            return
        with image.file.open("rb") as f:
            data = base64.b64encode(f.read()).decode("ascii")
        self.parts.append(
            f'<img src="data:{image.content_type};base64,{data}" alt="{escape(alt)}" style="{STYLES["img"]}">'
        )


def wechat_html(article: Article) -> str:
    """A standalone HTML document holding the article, ready to paste into the WeChat editor."""
    images = {img.pk: img for img in ArticleImage.objects.filter(article=article)}
    writer = _Writer(images)
    fragment = html5lib.parseFragment(article.body, namespaceHTMLElements=False)
    writer.children(fragment)
    published = f"{article.published_at:%Y-%m-%d}" if article.published_at else ""
    meta = "　".join(
        part
        for part in (
            f"来源：{article.org.name}",
            f"作者：{article.author}" if article.author else "",
            published,
        )
        if part
    )
    people = f"编辑：{article.editor}　审核：{article.reviewer or '—'}"
    notes = ""
    if writer.links:
        items = "".join(
            f'<p style="font-size:13px;color:#888888;margin:0 0 4px;word-break:break-all;">[{i}] {escape(u)}</p>'
            for i, u in enumerate(writer.links, 1)
        )
        notes = f'<p style="font-size:13px;color:#888888;margin:16px 0 4px;">参考链接：</p>{items}'
    body = "".join(writer.parts)
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title></head><body>"
        f'<section style="{STYLES["section"]}">'
        f'<h1 style="{STYLES["h1"]}">{escape(article.title)}</h1>'
        f'<p style="font-size:13px;color:#888888;margin:0 0 16px;">{escape(meta)}</p>'
        f"{body}{notes}"
        f'<p style="{FOOTER}">{escape(people)}</p>'
        "</section></body></html>"
    )
