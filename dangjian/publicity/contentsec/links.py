"""Link targets: unsafe schemes, betting-site host names, domains outside the allow-list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .finding import Finding
from .ruleset import Ruleset

# Attributes that make the browser go somewhere or load something.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "longdesc", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "button": ("formaction",),
    "input": ("src", "formaction"),
    "script": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "body": ("background",),
    "table": ("background",),
    "td": ("background",),
    "th": ("background",),
    "base": ("href",),
    "meta": ("content",),
}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Verdict:
    kind: str  # "" when fine
    message: str = ""
    host: str = ""


def host_allowed(host: str, allowed: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed)


def judge(url: str, rules: Ruleset, allowed: list[str], *, image: bool = False) -> Verdict:
    """What is wrong with URL, if anything. Relative links stay on the platform."""
    # Browsers drop tabs and newlines inside a URL: "java\nscript:" is javascript:.
    compacted = _CONTROL.sub("", url)
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", compacted)
    scheme = m.group(1).lower() if m else ""
    unsafe = [s.lower() for s in rules.html.get("links", {}).get("unsafe_schemes", [])]
    if scheme in unsafe:
        images = rules.html.get("links", {}).get("data_image_types", [])
        if scheme == "data" and image and any(compacted.lower().startswith(f"data:{t}") for t in images):
            return Verdict("")
        return Verdict("unsafe_link", f"链接使用了不安全的协议“{scheme}:”")
    if scheme and scheme not in ("http", "https", "mailto", "tel"):
        return Verdict("external_link", f"链接使用了非常规协议“{scheme}:”")
    if scheme in ("mailto", "tel"):
        return Verdict("")
    try:
        host = (urlsplit(compacted if "//" in compacted[:8] or scheme else compacted).hostname or "").lower()
    except ValueError:
        return Verdict("external_link", "无法解析的链接地址")
    if not host:
        return Verdict("")
    for pattern in rules.spam_domains:
        if pattern.search(host):
            return Verdict("spam_domain", f"链接指向疑似赌博/色情网站（{host}）", host)
    if host_allowed(host, allowed):
        return Verdict("", host=host)
    return Verdict("external_link", f"链接指向白名单以外的网站（{host}），请审核确认", host)


def urls_of(tag_name: str, attrs: dict) -> list[tuple[str, str]]:
    """(attribute, URL) pairs of a start tag, including url(...) in its style."""
    found: list[tuple[str, str]] = []
    for name in URL_ATTRIBUTES.get(tag_name, ()):
        value = attrs.get(name)
        if value is None:
            continue
        if tag_name == "meta" and name == "content":
            # <meta http-equiv="refresh" content="0;url=...">
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", value, re.I)
            if m:
                found.append((name, m.group(1).strip()))
            continue
        if name == "srcset":
            found += [(name, part.strip().split()[0]) for part in value.split(",") if part.strip()]
            continue
        found.append((name, value.strip()))
    style = attrs.get("style")
    if style:
        found += [("style", u.strip()) for u in _CSS_URL.findall(style)]
    return found


def finding_for(verdict: Verdict, rules: Ruleset, source: str, start: int, end: int, field: str) -> Finding:
    return Finding(verdict.kind, start, end, source[start:end], rules.severity(verdict.kind), verdict.message, field)
