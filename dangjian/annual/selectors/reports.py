"""Reads of reports, scoped to the user: the list, one report, what changed since freezing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from dangjian.core import registry, scoping

from ..models import AnnualReport, ReportJob, Status
from . import figures as figs

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization


def reports_for(*, user: Any, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = scoping.scoped_by_org(user, AnnualReport.objects.select_related("org"))
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def report_for(request: HttpRequest, pk: int) -> AnnualReport:
    return scoping.get_visible_or_404(request, reports_for(user=request.user), pk=pk)


def job_for(request: HttpRequest, pk: Any) -> ReportJob:
    visible = ReportJob.objects.select_related("report__org").filter(report__in=reports_for(user=request.user))
    return scoping.get_visible_or_404(request, visible, pk=pk)


def sent_in(org: Organization, year: int) -> QuerySet[AnnualReport]:
    """Reports of YEAR in ORG's subtree sent to the publicity workflow (the annual.reports_sent figure)."""
    return scoping.in_subtree(AnnualReport.objects.select_related("org"), org).filter(year=year, status=Status.SENT)


def records_of(metric: registry.Metric, org: Organization, year: int) -> list[list[Any]]:
    """[[id, label], ...] of the records behind METRIC's own part of the figure ([] where it lists none)."""
    if metric.records is None:
        return []
    return [[obj.pk, str(obj)[:120]] for obj in metric.records(org, year).iterator(chunk_size=2000)]


@dataclass(frozen=True)
class Changed:
    key: str
    label: str
    frozen: str
    live: str  # "" when the figure is no longer registered
    added: int  # records behind it now that were not when frozen
    removed: int  # records behind it when frozen that are not now

    @property
    def gone(self) -> bool:
        return not self.live


def changes_since_freezing(report: AnnualReport) -> list[Changed]:
    """The frozen figures that differ from today's live ones (value or records behind them)."""
    if report.is_draft:
        return []
    stored = list(report.figures.all())
    live = figs.live(report.org, report.year, [f.key for f in stored])  # this year's only: no comparison
    registered = {m.key: m for m in registry.metrics()}
    changed: list[Changed] = []
    for f in stored:
        now = live.get(f.key)
        added = removed = 0
        for key, rows in (f.records or {}).items():
            metric = registered.get(key)
            if metric is None or metric.records is None:
                continue
            was = {r[0] for r in rows}
            ids = set(metric.records(report.org, report.year).values_list("pk", flat=True))
            added += len(ids - was)
            removed += len(was - ids)
        if now is None or now.value != f.value or added or removed:
            changed.append(
                Changed(
                    key=f.key,
                    label=f.label,
                    frozen=figs.from_frozen(f).exact_display,
                    live=now.exact_display if now else "",
                    added=added,
                    removed=removed,
                )
            )
    return changed
