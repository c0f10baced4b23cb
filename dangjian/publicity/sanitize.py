"""The allow-list an article body is cleaned with on input (nh3), and image checks.

Only formatting an article needs survives: paragraphs, headings, lists,
tables, links, images, and a few style properties (alignment, first-line
indent, colour, weight). Images only when the platform stores them
(platform_image_src): an outside image would be loaded by every reader of the
page, the RSS feed and the WeChat copy, telling its host who read what.
Scripts, frames, forms, classes, ids and every other style property go. The
gate still checks what is left (a white-on-white link is possible with colour
alone).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.urls import reverse

from . import conf, errors
from .conf import PublicitySettings

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "span", "div", "h2", "h3", "h4", "h5",
    "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th",
    "td", "caption", "hr", "pre", "code",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"style"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
STYLE_PROPERTIES = {
    "text-align", "text-indent", "color", "background-color", "font-weight", "font-style", "text-decoration",
    "font-size", "line-height", "padding",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}


_HAS_TAG = re.compile(r"<[a-zA-Z/!]")


def paragraphs_from_text(raw: str) -> str:
    """Text typed without any HTML: each non-empty line becomes a paragraph.

    A secretary types or pastes plain text into the body; without this the
    lines would run together into one block on the page.
    """
    if not raw or _HAS_TAG.search(raw):
        return raw
    return "\n".join(f"<p>{html_lib.escape(line.strip())}</p>" for line in raw.splitlines() if line.strip())


# Nothing a browser would read as another host or strip before reading: white space, control
# characters, backslashes (read as "/"), and percent-escapes of them.
_UNSAFE_URL = re.compile(r"[\s\\\x00-\x1f\x7f]|%(?:[01][0-9a-f]|2f|5c|7f)", re.IGNORECASE)
_MEDIA_PATH = re.compile(r"[A-Za-z0-9._~/%-]+")


def _image_route() -> re.Pattern[str]:
    """The path of news:image (an uploaded article image), any pk, the final slash optional."""
    sample = reverse("news:image", kwargs={"pk": 918273})
    return re.compile(re.escape(sample.rstrip("/")).replace("918273", r"\d+") + "/?")


def platform_image_src(src: str) -> str | None:
    """SRC as a path on this platform when it names an image the platform stores, else None.

    Stored images are the article images (news:image) and files under
    MEDIA_URL when that is a path. An absolute http(s) URL to one of the
    platform's own hosts becomes its path; every other URL (another host,
    //host, data:, javascript:, a relative path) is refused.
    """
    value = (src or "").strip()
    if not value or _UNSAFE_URL.search(value) or value.startswith("//"):
        return None
    scheme, sep, rest = value.partition("://")
    if sep:
        if scheme.lower() not in ("http", "https"):
            return None
        host, slash, path = rest.partition("/")
        host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
        if not slash or host not in conf.own_hosts():
            return None
        value = "/" + path
    elif not value.startswith("/"):
        return None  # a scheme (data:, javascript:) or a path relative to the page
    path = value.split("#", 1)[0].split("?", 1)[0]
    if _image_route().fullmatch(path):
        return path
    media = str(settings.MEDIA_URL or "")
    if (
        media.startswith("/")
        and not media.startswith("//")
        and path.startswith(media.rstrip("/") + "/")
        and ".." not in path
        and _MEDIA_PATH.fullmatch(path)
    ):
        return path
    return None


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        return platform_image_src(value)
    return value


# nh3's output quotes every attribute and escapes ">" inside values, so a tag ends at the first ">".
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=\")[^>]*>")


def clean_html(raw: str) -> str:
    cleaned = nh3.clean(
        raw or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "title"},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
        attribute_filter=_keep_attribute,
    )
    # An image whose source was refused goes entirely (its caption, if any, stays).
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


# ---- display ----------------------------------------------------------------------------

_STYLE_ATTR = re.compile(r'(<[a-zA-Z][a-zA-Z0-9]*\b[^>]*?)\sstyle="([^"]*)"')


def _classes_for(style: str) -> list[str]:
    """Classes of publicity.css standing for the style declarations an editor may use."""
    from .contentsec.hidden import _px, parse_color, parse_declarations

    decls = parse_declarations(html_lib.unescape(style))
    out: list[str] = []
    align = {"center": "text-center", "right": "text-end", "left": "text-start", "justify": "dj-justify"}
    if decls.get("text-align") in align:
        out.append(align[decls["text-align"]])
    indent = _px(decls.get("text-indent", ""))
    if indent is not None and indent >= 24:
        out.append("dj-indent-2")
    elif indent is not None and indent >= 12:
        out.append("dj-indent-1")
    if decls.get("font-weight") in ("bold", "bolder", "600", "700", "800", "900"):
        out.append("fw-bold")
    if decls.get("font-style") == "italic":
        out.append("fst-italic")
    decoration = decls.get("text-decoration", "")
    if "underline" in decoration:
        out.append("text-decoration-underline")
    elif "line-through" in decoration:
        out.append("text-decoration-line-through")
    color = parse_color(decls.get("color", ""))
    if color and color[3] > 0.5:
        r, g, b = color[:3]
        if r > 150 and g < 90 and b < 90:
            out.append("dj-color-red")
        elif abs(r - g) < 24 and abs(g - b) < 24 and 80 < r < 200:
            out.append("dj-color-gray")
    background = parse_color(decls.get("background-color", ""))
    if background and background[3] > 0.5:
        r, g, b = background[:3]
        if r > 120 and g < 90 and b < 90:
            out.append("dj-bg-red")
        elif min(r, g, b) > 220 and (r, g, b) != (255, 255, 255):
            out.append("dj-bg-light")
    size = _px(decls.get("font-size", ""))
    if size is not None and size >= 18:
        out.append("dj-size-large")
    elif size is not None and 0 < size <= 13:
        out.append("dj-size-small")
    return out


def display_html(body: str) -> str:
    """A stored body as pages show it: cleaned again, its style attributes turned into classes.

    The Content-Security-Policy blocks inline styles, so the few an editor may
    use (alignment, first-line indent, weight, a red or grey colour) become
    classes of publicity.css; anything else is dropped.
    """

    def swap(m: re.Match[str]) -> str:
        classes = _classes_for(m.group(2))
        return m.group(1) + (f' class="{" ".join(classes)}"' if classes else "")

    return _STYLE_ATTR.sub(swap, clean_html(body))


# ---- images ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageInfo:
    content_type: str
    extension: str
    size: int
    sha256: str


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from an image's first bytes; None when it is no image we accept."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif", "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def check_image(data: bytes, name: str = "") -> ImageInfo:
    """Check an upload by its content (not its name) and its size; refused with errors.Image*."""
    limit = PublicitySettings.current().image_max_bytes
    if not data:
        raise errors.ImageEmpty()
    if len(data) > limit:
        raise errors.ImageTooLarge(limit=limit // (1024 * 1024), size=f"{len(data) / 1024 / 1024:.1f}")
    found = sniff(data[:16])
    if found is None or found[0] not in PublicitySettings.current().image_types:
        raise errors.ImageNotAccepted(name=name or "该文件")
    return ImageInfo(content_type=found[0], extension=found[1], size=len(data), sha256=hashlib.sha256(data).hexdigest())
