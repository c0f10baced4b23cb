"""Writes to annual reports: draft, edit the words, freeze the figures, reopen, send.

Each function is one transaction, audited (auditlog records the rows; freezing, reopening
and sending also leave an entry of their own), and refuses with errors.py's classes before
writing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import audit, registry

from .. import errors
from ..conf import DEFAULT_SECTIONS
from ..models import AnnualReport, FrozenFigure, ReportSection, Status
from ..selectors import figures as figs
from ..selectors.reports import records_of
from ..selectors.templates import check, compared_in, keys_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

Progress = Callable[[int, int], None]  # (steps done, steps in all)
FIRST_YEAR = 2000


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@dataclass(frozen=True)
class SectionData:
    heading: str
    template: str
    line: str = ""


def default_title(org: Organization, year: int) -> str:
    return f"{org.name}{year}年度党建工作报告"[:120]


@transaction.atomic
def report_create(*, org: Organization, year: int, by: Any = None, title: str = "", today: Any = None) -> AnnualReport:
    """A draft for ORG's subtree and YEAR, with the default work lines (conf.DEFAULT_SECTIONS)."""
    this_year = (today or timezone.localdate()).year
    if not FIRST_YEAR <= year <= this_year:
        raise errors.YearOutOfRange(field="year")
    if AnnualReport.objects.filter(org=org, year=year).exists():
        raise errors.ReportExists(f"{org.name}{year}年度已有年度报告，请直接打开修改。", field="year")
    report = AnnualReport.objects.create(
        org=org, year=year, title=(title.strip() or default_title(org, year))[:120], created_by=_actor(by)
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, position=i, line=line, heading=heading, template=template)
        for i, (line, heading, template) in enumerate(DEFAULT_SECTIONS, start=1)
    )
    return report


def _require_draft(report: AnnualReport) -> None:
    if not report.is_draft:
        raise errors.NotDraft()


@transaction.atomic
def report_update(*, report: AnnualReport, title: str, sections: Sequence[SectionData], by: Any = None) -> AnnualReport:
    """Replace the title and the sections' words (a draft only); every placeholder must be a known key."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    if not title.strip():
        raise errors.SectionEmpty("请填写报告标题。", field="title")
    for i, s in enumerate(sections):
        if not s.heading.strip() or not s.template.strip():
            raise errors.SectionEmpty(field=f"template_{i}")
        check(s.template, field=f"template_{i}")
    existing = {s.position: s for s in report.sections.all()}
    for i, s in enumerate(sections, start=1):
        row = existing.pop(i, None) or ReportSection(report=report, position=i)
        heading, template = s.heading.strip()[:80], s.template.strip()
        if row.pk is None or (row.heading, row.template, row.line) != (heading, template, s.line or row.line):
            row.heading, row.template, row.line = heading, template, s.line or row.line
            row.save()
    for row in existing.values():
        row.delete()
    report.title = title.strip()[:120]
    report.updated_at = timezone.now()
    report.save(update_fields=["title", "updated_at"])
    return report


def figure_keys(report: AnnualReport) -> list[str]:
    """The registered keys the report's sections name, in order."""
    registered = {m.key for m in registry.metrics()}
    keys = [k for s in report.sections.all() for k in keys_in(s.template)]
    return [k for k in dict.fromkeys(keys) if k in registered]


@transaction.atomic
def report_freeze(*, report: AnnualReport, by: Any = None, progress: Progress | None = None) -> AnnualReport:
    """Store every figure the report states, with the records behind each, and mark it frozen."""
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("org").get(pk=report.pk)
    _require_draft(report)
    keys = figure_keys(report)
    compare = [k for s in report.sections.all() for k in compared_in(s.template)]
    live = figs.live(report.org, report.year, keys, compare=compare)
    rows = []
    for i, key in enumerate(keys, start=1):
        f = live[key]
        parts = [registry.get(key), *registry.contributions(key)]
        records = {m.key: records_of(m, report.org, report.year) for m in parts if m.records is not None}
        rows.append(
            FrozenFigure(
                report=report,
                key=key,
                label=f.label,
                unit=f.unit,
                value=f.value,
                previous=f.previous,
                source=f.source,
                records_url=f.link,
                records=records,
            )
        )
        if progress is not None:
            progress(i, len(keys) + 1)
    report.figures.all().delete()
    FrozenFigure.objects.bulk_create(rows)
    report.status = Status.FROZEN
    report.frozen_at = timezone.now()
    report.frozen_by = _actor(by)
    report.save(update_fields=["status", "frozen_at", "frozen_by"])
    audit.record(
        audit.Event.UPDATE,
        actor=_actor(by),
        target=report,
        org=report.org_id,
        data={"action": "annual_report_frozen", "figures": {r.key: r.value for r in rows}},
    )
    return report


@transaction.atomic
def report_reopen(*, report: AnnualReport, by: Any = None) -> AnnualReport:
    """Back to a draft with live figures (before it is sent); the frozen figures are dropped."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.is_sent:
        raise errors.AlreadySent()
    if not report.is_frozen:
        raise errors.NotFrozen()
    report.figures.all().delete()
    report.status = Status.DRAFT
    report.reopened_at = timezone.now()
    report.save(update_fields=["status", "reopened_at"])
    audit.record(
        audit.Event.UPDATE,
        actor=_actor(by),
        target=report,
        org=report.org_id,
        data={"action": "annual_report_reopened"},
    )
    return report
