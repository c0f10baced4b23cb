"""Reads of the publicity module: scoped for the logged-in pages, public for /news/.

Logged-in reads go through permissions.scoped (roles over an organization subtree);
single records through scoping.get_visible_or_404, so a probe is a recorded 404.
The figures (stats.py) and the pages behind them share the `*_in` queries here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from dangjian.core import scoping, tree

from . import permissions
from .conf import PublicitySettings
from .models import (
    Article,
    ArticleEvent,
    Channel,
    Column,
    InfoReport,
    Paper,
    PaperKind,
    ReportStatus,
    SpecialPage,
    Status,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization

SENT_STATES = (ReportStatus.SENT, ReportStatus.ADOPTED)


# ---- the public website ---------------------------------------------------------------------


def public_articles() -> QuerySet[Article]:
    """What anyone may read: published, not found dirty by the re-check, in an active column."""
    return (
        Article.objects.filter(
            status=Status.PUBLISHED,
            flagged_at__isnull=True,
            column__is_active=True,
            column__channel__is_active=True,
        )
        .select_related("column__channel", "org", "editor", "reviewer")
        .order_by("-published_at", "-pk")
    )


def latest_per_channel(channels: Sequence[Channel], per: int) -> dict[int, list[Article]]:
    """The PER newest public articles of each of CHANNELS, newest first, by channel id: one query
    however many channels (a province's hundred committees have three hundred)."""
    ranked = (
        public_articles()
        .filter(column__channel__in=channels)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("column__channel"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per)
    )
    found: dict[int, list[Article]] = defaultdict(list)
    for a in ranked:
        found[a.column.channel_id].append(a)
    return found


def public_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).prefetch_related("columns").order_by("position", "pk")


def public_columns(channel: Channel) -> QuerySet[Column]:
    return channel.columns.filter(is_active=True).order_by("position", "pk")


# ---- articles, logged in --------------------------------------------------------------------


@dataclass
class ArticleFilters:
    status: str = ""
    column: str = ""
    q: str = ""
    gate: str = ""  # "blocked" | "flagged"

    @classmethod
    def from_params(cls, params: Any) -> ArticleFilters:
        status = (params.get("status") or "").strip()
        gate = (params.get("gate") or "").strip()
        return cls(
            status=status if status in Status.values else "",
            column=(params.get("column") or "").strip()[:10],
            q=(params.get("q") or "").strip()[:50],
            gate=gate if gate in ("blocked", "flagged") else "",
        )

    def as_params(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def articles_for(*, user: Any, filters: ArticleFilters | None = None) -> QuerySet[Article]:
    qs = permissions.scoped(user, Article.objects.all()).select_related("column__channel", "org", "editor", "reviewer")
    f = filters or ArticleFilters()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.column.isdigit():
        qs = qs.filter(column_id=int(f.column))
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(author__icontains=f.q))
    if f.gate == "blocked":
        qs = qs.filter(scan_verdict="blocked")
    elif f.gate == "flagged":
        qs = qs.filter(flagged_at__isnull=False)
    return qs.order_by("-updated_at", "-pk")


def article_for(request: HttpRequest, pk: int) -> Article:
    qs = permissions.scoped(request.user, Article.objects.all()).select_related(
        "column__channel", "org", "editor", "reviewer", "special_page"
    )
    return scoping.get_visible_or_404(request, qs, pk=pk)


def events_of(article: Article) -> QuerySet[ArticleEvent]:
    return article.events.select_related("actor").order_by("at", "pk")


def review_queue(*, user: Any) -> QuerySet[Article]:
    return permissions.scoped(
        user, Article.objects.filter(status__in=(Status.SUBMITTED, Status.APPROVED)), permissions.REVIEWERS
    )


def gate_queue(*, user: Any) -> QuerySet[Article]:
    """Articles the gate stopped, and published ones the re-check found dirty."""
    qs = Article.objects.filter(Q(scan_verdict="blocked") | Q(flagged_at__isnull=False))
    return permissions.scoped(user, qs).select_related("org", "editor").order_by("-scanned_at", "-pk")


def column_choices(*, user: Any) -> QuerySet[Column]:
    """Active columns of the channels run above or within USER's scopes."""
    ancestors = permissions.ancestor_paths(user)
    q = Q(channel__org__path__in=ancestors) | tree.subtree_q(
        permissions.paths(user, permissions.ANY), "channel__org__path"
    )
    return (
        Column.objects.filter(q, is_active=True, channel__is_active=True)
        .select_related("channel")
        .order_by("channel__position", "position", "pk")
    )


def channels_for(*, user: Any) -> QuerySet[Channel]:
    return permissions.scoped(user, Channel.objects.all(), permissions.COMMITTEE).prefetch_related("columns")


def special_pages_for(*, user: Any) -> QuerySet[SpecialPage]:
    return permissions.scoped(user, SpecialPage.objects.all()).select_related("channel", "org")


# ---- reports and papers ---------------------------------------------------------------------


def info_reports_for(*, user: Any, status: str = "", year: int | None = None) -> QuerySet[InfoReport]:
    qs = permissions.scoped(user, InfoReport.objects.all(), permissions.WRITERS).select_related("org", "drafted_by")
    if status in ReportStatus.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(Q(sent_at__year=year) | Q(sent_at__isnull=True, created_at__year=year))
    return qs.order_by("-created_at", "-pk")


def info_report_for(request: HttpRequest, pk: int) -> InfoReport:
    qs = permissions.scoped(request.user, InfoReport.objects.all(), permissions.WRITERS).select_related(
        "org", "drafted_by", "sent_by"
    )
    return scoping.get_visible_or_404(request, qs, pk=pk)


def papers_for(*, user: Any, kind: str, year: int | None = None) -> QuerySet[Paper]:
    qs = permissions.scoped(user, Paper.objects.filter(kind=kind), permissions.WRITERS).select_related(
        "org", "drafted_by"
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org__path", "pk")


def paper_for(request: HttpRequest, pk: int, kind: str) -> Paper:
    qs = permissions.scoped(request.user, Paper.objects.filter(kind=kind), permissions.WRITERS).select_related(
        "org", "drafted_by"
    )
    return scoping.get_visible_or_404(request, qs, pk=pk)


def compilation_papers(*, user: Any, kind: str, year: int, root: Organization | None = None) -> list[Paper]:
    """The papers of a year's compilation, in the order they appear in it: by organization, then title."""
    qs = papers_for(user=user, kind=kind, year=year).filter(status__in=(ReportStatus.SUBMITTED, ReportStatus.SENT))
    if root is not None:
        qs = scoping.in_subtree(qs, root)
    return list(qs.order_by("org__path", "title", "pk"))


@dataclass
class TargetRow:
    org: Organization
    target: int
    submitted: int  # handed to the committee (any state after draft)
    sent: int
    adopted: int

    @property
    def met(self) -> bool:
        return self.sent >= self.target

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.sent / self.target)) if self.target else 100


def target_for(org: Organization) -> int:
    targets = PublicitySettings.current().info_report_targets
    return int(targets.get(org.kind, targets.get("default", 0)))


def target_rows(*, root: Organization, year: int) -> list[TargetRow]:
    """Each organization directly under ROOT with its reports of YEAR (its whole subtree) against its target."""
    from dangjian.orgs.models import Organization

    children = list(Organization.objects.filter(tree.child_q(root.path)).order_by("path"))
    reports = scoping.in_subtree(InfoReport.objects.all(), root)
    counts: dict[str, dict[str, int]] = {c.path: {"submitted": 0, "sent": 0, "adopted": 0} for c in children}
    step = len(root.path) + tree.STEP
    rows = reports.exclude(status=ReportStatus.DRAFT).values(
        "org__path", "status", "sent_at__year", "adopted_on__year", "submitted_at__year"
    )
    for r in rows:
        key = r["org__path"][:step]
        if key not in counts:
            continue
        if r["submitted_at__year"] == year:
            counts[key]["submitted"] += 1
        if r["status"] in SENT_STATES and r["sent_at__year"] == year:
            counts[key]["sent"] += 1
        if r["status"] == ReportStatus.ADOPTED and r["adopted_on__year"] == year:
            counts[key]["adopted"] += 1
    return [TargetRow(org=c, target=target_for(c), **counts[c.path]) for c in children]


# ---- the figures (stats.py) and the records behind them ------------------------------------------


def articles_published_in(org: Organization, year: int) -> QuerySet[Article]:
    return scoping.in_subtree(Article.objects.all(), org).filter(status=Status.PUBLISHED, published_at__year=year)


def special_pages_in(org: Organization, year: int) -> QuerySet[SpecialPage]:
    return scoping.in_subtree(SpecialPage.objects.all(), org).filter(run_on__year=year)


def info_reports_sent_in(org: Organization, year: int) -> QuerySet[InfoReport]:
    return scoping.in_subtree(InfoReport.objects.all(), org).filter(status__in=SENT_STATES, sent_at__year=year)


def info_reports_adopted_in(org: Organization, year: int) -> QuerySet[InfoReport]:
    return scoping.in_subtree(InfoReport.objects.all(), org).filter(status=ReportStatus.ADOPTED, adopted_on__year=year)


def cases_sent_in(org: Organization, year: int) -> QuerySet[Paper]:
    return scoping.in_subtree(Paper.objects.all(), org).filter(
        kind=PaperKind.CASE_STUDY, status=ReportStatus.SENT, year=year
    )


def cases_awarded_in(org: Organization, year: int) -> QuerySet[Paper]:
    return cases_sent_in(org, year).exclude(award_level="")


def research_outputs_in(org: Organization, year: int) -> QuerySet[Paper]:
    return scoping.in_subtree(Paper.objects.all(), org).filter(
        kind=PaperKind.RESEARCH_OUTPUT,
        status__in=(ReportStatus.SUBMITTED, ReportStatus.SENT),
        year=year,
    )


def status_counts(qs: QuerySet[Any]) -> dict[str, int]:
    return {row["status"]: row["n"] for row in qs.values("status").annotate(n=Count("pk"))}
