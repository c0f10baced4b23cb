"""HTML that hides or smuggles content by its structure.

Unclosed comments (everything after <!-- vanishes from the page but not from
the source a crawler reads), content after </html>, noscript blocks, frames
and embedded objects, scripts, redirects, and the parse errors html5lib
reports for tags that swallow what follows them.
"""

from __future__ import annotations

from .finding import Finding
from .htmldoc import Lexed
from .htmltree import Tree, offset_of
from .ruleset import Ruleset

EXCERPT_MAX = 300

ERROR_MESSAGES = {
    "eof-in-comment": "注释没有闭合，其后的内容全部被隐藏",
    "eof-in-tag-name": "标签没有闭合",
    "eof-in-attribute": "标签属性没有闭合，其后的内容被吞掉",
    "expected-eof-but-got": "</html> 之后还有内容",
    "after-body": "</body> 之后还有内容",
    "after-frameset": "框架集之后还有内容",
    "invalid-character-in-attribute-name": "标签属性残缺（属性名中含“<”等字符），可能吞掉后续标签",
}


def _message(code: str) -> str:
    for key, message in ERROR_MESSAGES.items():
        if code.startswith(key) or key in code:
            return message
    return f"HTML 结构错误（{code}）"


def check(doc: Lexed, tree: Tree, rules: Ruleset, field: str) -> list[Finding]:
    source = doc.source
    n = len(source)
    cfg = rules.html.get("structure", {})
    severity = rules.severity("broken_html")
    findings: list[Finding] = []

    def emit(start: int, end: int, message: str) -> None:
        end = min(end, start + EXCERPT_MAX, n)
        findings.append(Finding("broken_html", start, end, source[start:end], severity, message, field))

    unclosed = [c for c in doc.comments if not c.closed]
    for comment in unclosed:
        emit(comment.start, comment.end, ERROR_MESSAGES["eof-in-comment"])
    if doc.after_html is not None:
        emit(doc.after_html, n, ERROR_MESSAGES["expected-eof-but-got"])

    wanted = set(cfg.get("parse_errors", []))
    said: set[str] = set()
    for (line, col), code in tree.errors:
        if code not in wanted:
            continue
        message = _message(code)
        if (unclosed and code.startswith("eof-in-comment")) or (
            doc.after_html is not None and ("after-body" in code or code.startswith("expected-eof"))
        ):
            continue  # already said, with a better place
        if message in said:
            continue
        said.add(message)
        at = offset_of(source, line, col)
        emit(max(0, at - 1), at + 40, message)

    embedding = set(cfg.get("embedding", []))
    scripting = set(cfg.get("scripting", []))
    for tag in doc.tags:
        end = tag.end_of_element or tag.end
        if tag.name in embedding:
            emit(tag.start, end, f"内嵌框架或外部对象 <{tag.name}>，可嵌入外部页面")
        elif tag.name in scripting:
            emit(tag.start, end, "含有脚本 <script>，可在页面上写入隐藏链接")
        elif tag.name == "base":
            emit(tag.start, tag.end, "<base> 改写了页面上所有链接的地址")
        elif tag.name == "meta" and (tag.attr("http-equiv") or "").lower() == "refresh":
            emit(tag.start, tag.end, "<meta> 自动跳转到其他页面")
        elif tag.name == "noscript" and source[tag.end : end].strip():
            # From the source, not the tree: at the top of a document html5lib
            # opens <noscript> in <head> and moves its content out of it.
            emit(tag.start, end, "<noscript> 中的内容对读者不显示，却会被搜索引擎收录")
    return findings
