"""The content-security gate applied to articles.

An article is scanned at submission and again right before publishing; the
verdict is stored on the article with the hash of the content it judged. A
blocking finding stops the step until the text is fixed, or until a reviewer
overrides it with a reason: the override is bound to that exact content (its
hash) and to those findings, so an edit or a new rule needs a new decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import contentsec, errors, permissions
from ..contentsec import Finding, ScanResult, htmldoc
from ..contentsec.names import known_names
from ..models import Article, ArticleEvent, ContentOverride, ScanVerdict, Status
from ..sanitize import paragraphs_from_text

# Kinds that may not even be saved into a draft: the sanitizer would strip the
# hiding and leave a visible link behind, so the editor must look at the source.
INPUT_REFUSED = ("hidden_link", "hidden_content", "broken_html", "unsafe_link", "spam_domain", "too_large")


@dataclass
class GateOutcome:
    """What a gated step did: passed, or stopped with the findings that stopped it."""

    passed: bool
    blocking: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def protected_names() -> list[str]:
    """Names of organizations, units and the configured upper committees: spam spliced into one
    of them is name_tampered."""
    return known_names()


def options() -> contentsec.Options:
    return contentsec.options(names=protected_names())


def scan_article(article: Article, opts: contentsec.Options | None = None) -> ScanResult:
    fields = [("title", article.title, False)]
    if article.page_title:
        fields.append(("page_title", article.page_title, False))
    fields.append(("body", article.body, True))
    return contentsec.scan_fields(fields, opts=opts or options())


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f.get("kind"), f.get("field", ""), f.get("start"), f.get("end"), f.get("excerpt"))


def uncovered(article: Article, result: ScanResult) -> list[Finding]:
    """Blocking findings no override of this exact content covers."""
    blocking = result.blocking
    if not blocking:
        return []
    covered: set[tuple[Any, ...]] = set()
    for override in ContentOverride.objects.filter(article=article, content_hash=article.content_hash()):
        covered.update(_key(f) for f in override.findings)
    return [f for f in blocking if _key(f.as_dict()) not in covered]


def record(article: Article, result: ScanResult, left: list[Finding]) -> None:
    """Store the verdict on ARTICLE (the caller saves it)."""
    if left:
        verdict = ScanVerdict.BLOCKED
    elif result.blocking:
        verdict = ScanVerdict.OVERRIDDEN
    elif result.warnings:
        verdict = ScanVerdict.WARNED
    else:
        verdict = ScanVerdict.CLEAN
    article.scan_verdict = verdict
    article.scan_findings = [f.as_dict() for f in result.findings]
    article.scanned_at = timezone.now()
    article.scanned_hash = article.content_hash()


def check(article: Article, opts: contentsec.Options | None = None) -> GateOutcome:
    """Scan ARTICLE and store the verdict on it (not saved)."""
    result = scan_article(article, opts)
    left = uncovered(article, result)
    record(article, result, left)
    return GateOutcome(
        passed=not left,
        blocking=[f.as_dict() for f in left],
        warnings=[f.as_dict() for f in result.warnings],
    )


def input_problems(raw_body: str) -> list[Finding]:
    """Hidden links and other structural tricks in a body as pasted, before sanitizing."""
    if not raw_body.strip():
        return []
    result = contentsec.scan(raw_body, opts=contentsec.options(names=()), field="body", html=True)
    return [f for f in result.blocking if f.kind in INPUT_REFUSED]


def event(article: Article, action: str, by: Any, comment: str = "", **data: Any) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        actor=by if getattr(by, "pk", None) else None,
        at=timezone.now(),
        comment=comment,
        data=data,
    )


@transaction.atomic
def article_override(*, article: Article, by: Any, reason: str) -> ContentOverride:
    """A reviewer lets the current findings pass, with a reason (recorded, shown in the history)."""
    permissions.check_article_step(by, article, "override")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise errors.ReasonRequired("请写明放行理由（至少 4 个字）。", field="reason")
    result = scan_article(article)
    left = uncovered(article, result)
    if not left:
        raise errors.NothingToOverride()
    override = ContentOverride.objects.create(
        article=article, content_hash=article.content_hash(), findings=[f.as_dict() for f in left], reason=reason, by=by
    )
    record(article, result, [])
    was_flagged = article.flagged_at is not None
    if article.status == Status.PUBLISHED:
        article.flagged_at = None
    article.save()
    event(
        article,
        ArticleEvent.Action.OVERRIDDEN,
        by,
        reason,
        findings=[{"kind": f.kind, "excerpt": f.excerpt[:80], "field": f.field} for f in left],
        cleared_flag=was_flagged,
    )
    return override


@dataclass
class RecheckRow:
    article: Article
    dirty: bool
    findings: list[dict[str, Any]]
    changed: bool  # content differs from what was published
    newly_flagged: bool
    cleared: bool


@transaction.atomic
def recheck_published(*, opts: contentsec.Options | None = None, by: Any = None) -> list[RecheckRow]:
    """Re-check every published article; mark the dirty ones (flagged_at), clear the ones now clean."""
    opts = opts or options()
    rows: list[RecheckRow] = []
    articles = Article.objects.filter(status=Status.PUBLISHED).select_related("org").order_by("pk")
    for article in articles.iterator(chunk_size=200):
        outcome = check(article, opts)
        changed = bool(article.published_hash) and article.published_hash != article.content_hash()
        findings = list(outcome.blocking)
        if changed:
            findings.append(
                {
                    "kind": "content_changed",
                    "excerpt": "",
                    "start": 0,
                    "end": 0,
                    "severity": "block",
                    "message": "发布后正文被改动（与发布时的内容指纹不一致）",
                    "field": "body",
                }
            )
            article.scan_verdict = ScanVerdict.BLOCKED
            article.scan_findings = [*article.scan_findings, findings[-1]]
        dirty = bool(findings)
        newly = dirty and article.flagged_at is None
        cleared = not dirty and article.flagged_at is not None
        if newly:
            article.flagged_at = timezone.now()
        if cleared:
            article.flagged_at = None
        article.save(update_fields=["scan_verdict", "scan_findings", "scanned_at", "scanned_hash", "flagged_at"])
        if newly:
            event(article, ArticleEvent.Action.FLAGGED, by, "", findings=[_brief(f) for f in findings])
        if cleared:
            event(article, ArticleEvent.Action.CLEARED, by, "")
        rows.append(RecheckRow(article, dirty, findings, changed, newly, cleared))
    return rows


def _brief(f: dict[str, Any]) -> dict[str, Any]:
    return {"kind": f.get("kind"), "excerpt": str(f.get("excerpt", ""))[:80], "field": f.get("field", "")}


# ---- findings shown in the article editor -------------------------------------------------


def editor_marks(body: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """FINDINGS (as_dict) with what the editor needs to mark each where it stands in BODY.

    `text` is the visible text the finding covers (without white space; empty when it
    covers none, such as a link's address, or lies in another field) and `occurrence`
    which of that text's appearances in the body's text it is, counted from 0 the same
    way: the editor rebuilds the text from the HTML, so offsets into the source do not
    carry over, but the n-th appearance of the words does.
    """
    triples: Iterable[tuple[str, int, int]]
    if htmldoc.looks_like_html(body):
        lexed = htmldoc.lex(body).body
        triples = zip(lexed.chars, lexed.starts, lexed.ends, strict=True)
    else:
        triples = zip(body, range(len(body)), range(1, len(body) + 1), strict=True)
    kept = [(c, start, end) for c, start, end in triples if not c.isspace()]
    flat = "".join(c for c, _, _ in kept)
    marks = []
    for f in findings:
        text, occurrence = "", 0
        if f.get("field", "body") == "body":
            inside = [n for n, (_, s, e) in enumerate(kept) if s >= f["start"] and e <= f["end"]]
            if inside:
                text = flat[inside[0] : inside[-1] + 1]
                at = flat.find(text)
                while -1 < at < inside[0]:
                    occurrence += 1
                    at = flat.find(text, at + 1)
        marks.append({**f, "text": text, "occurrence": occurrence})
    return marks


def editor_findings(article: Article) -> list[dict[str, Any]]:
    """What the gate would stop or flag in ARTICLE as saved now (overridden findings aside), marked."""
    result = scan_article(article)
    left = uncovered(article, result)
    return editor_marks(article.body, [f.as_dict() for f in (*left, *result.warnings)])


def input_findings(raw_body: str) -> list[dict[str, Any]]:
    """The structural tricks that keep RAW_BODY (as typed or pasted) from being saved, marked."""
    body = paragraphs_from_text(raw_body)
    return editor_marks(body, [f.as_dict() for f in input_problems(body)])
