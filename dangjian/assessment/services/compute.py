"""Computing a scheme's results for every organization of the committee, and storing them.

For each automatic indicator the figure is read from the statistics registry
for every assessed organization: at once (`registry.per_org`) where the metric
has its own grouped query, else organization by organization through the
registry's cache (`registry.value`), so a recomputation after new marks reads
the figures again only where their rows changed. Marks are read in one query. The gates read
`activity_rooms.standardized` through the registry and the terms through the
orgs kernel's selectors (as of the closing date). The rows are written with one
bulk_create; the results page reads them and never recomputes.

Scoring (per indicator, POINTS between 0 and its maximum):
- target: maximum × min(1, figure / target) — full points at or above the target;
- rate: maximum × figure / 100 (a percentage, or the 0–100 述职评议 score), within 0..1;
- per unit: figure × points per unit, up to the maximum;
- self-evaluation: the points the organization gave itself as the committee's review accepted
  or adjusted them (pending or returned: 0, said in the note); committee scoring: the
  average of the named assessors' points; none given: 0.
A component's score (0–100) is the sum of weight% × points / maximum of its indicators;
the combined score is the sum of component weight% × component score.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from dangjian.core import registry, tree
from dangjian.orgs import selectors as org_selectors
from dangjian.orgs.models import Organization

from .. import permissions
from ..errors import NotLatestVersion, ResultsLocked
from ..models import (
    GRADE_ORDER,
    Grade,
    Indicator,
    Mark,
    MarkKind,
    OrgResult,
    ResultSet,
    ResultStatus,
    ReviewStatus,
    Rule,
    Scheme,
    Source,
)
from .common import actor, plain, require_published, require_staff

ROOM_METRIC = "activity_rooms.standardized"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def assessed_orgs(scheme: Scheme) -> QuerySet[Organization]:
    """The party organizations of the committee that the scheme rates (founded by its closing date)."""
    return (
        Organization.objects.filter(tree.subtree_q([scheme.committee.path]), kind__in=permissions.ASSESSED_KINDS)
        .exclude(founded_on__gt=scheme.closing_on)
        .order_by("path")
    )


def _dec(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points_for(indicator: Indicator, figure: Decimal) -> Decimal:
    """The points an automatic INDICATOR gives for FIGURE."""
    most = indicator.max_points
    if indicator.rule == Rule.TARGET:
        target = indicator.target or Decimal(1)
        share = min(Decimal(1), max(Decimal(0), figure / target))
    elif indicator.rule == Rule.RATE:
        share = min(Decimal(1), max(Decimal(0), figure / HUNDRED))
    elif indicator.rule == Rule.PER_UNIT:
        return _q(min(most, max(Decimal(0), figure * (indicator.per_unit or Decimal(0)))))
    else:
        share = Decimal(0)
    return _q(most * share)


def cap_grade(grade: str, cap: str) -> str:
    """GRADE, no better than CAP ("" for no cap)."""
    if not cap:
        return grade
    return grade if GRADE_ORDER.index(Grade(grade)) >= GRADE_ORDER.index(Grade(cap)) else cap


def _records_base(metric: registry.Metric | None) -> str:
    """The address of METRIC's records page, to which ?org=CODE&year=YYYY is added ("" for none)."""
    if metric is None or not metric.records_url:
        return ""
    try:
        return reverse(metric.records_url)
    except NoReverseMatch:
        return ""


@dataclass
class _Inputs:
    indicators: list[Indicator]
    figures: dict[str, dict[int, float | int] | None]  # metric key → {org id: figure}; None: not registered
    members: dict[str, int]  # org path → party members of its subtree
    self_marks: dict[tuple[str, int], Mark]
    committee_marks: dict[tuple[str, int], list[Decimal]]
    rooms: dict[int, float | int] | None
    overdue: set[int]
    records: dict[str, str]  # metric key → its records page
    org_page: str  # the organization's self-evaluation page, with {code} to fill


def _metric(key: str) -> registry.Metric | None:
    try:
        return registry.get(key)
    except KeyError:
        return None


def _figures(key: str, orgs: list[Organization], year: int) -> dict[int, float | int]:
    """KEY for each of ORGS: the metric's grouped query where it (and every contribution) has one;
    otherwise one cached figure per organization (registry.value: a figure the dashboard or an
    earlier computation already read is not computed again)."""
    parts = [registry.get(key), *registry.contributions(key)]
    if all(m.per_org is not None for m in parts):
        return registry.per_org(key, orgs, year)
    return {o.pk: registry.value(key, o, year) for o in orgs}


def _load(scheme: Scheme, orgs: list[Organization]) -> _Inputs:
    indicators = list(
        Indicator.objects.filter(category__scheme=scheme)
        .select_related("category")
        .order_by("category__position", "category_id", "position", "id")
    )
    figures: dict[str, dict[int, float | int] | None] = {}
    for key in {i.metric_key for i in indicators if i.is_automatic and i.metric_key}:
        figures[key] = _figures(key, orgs, scheme.year) if _metric(key) else None
    members: dict[str, int] = {}
    if any(i.per_member for i in indicators):
        counts = org_selectors.member_counts([scheme.committee.path])
        members = {path: c.total.party for path, c in counts.items()}
    self_marks: dict[tuple[str, int], Mark] = {}
    committee_marks: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    for mark in Mark.objects.filter(committee=scheme.committee, year=scheme.year).prefetch_related("evidence"):
        if mark.kind == MarkKind.SELF:
            self_marks[(mark.indicator_key, mark.org_id)] = mark
        else:
            committee_marks[(mark.indicator_key, mark.org_id)].append(mark.points)
    rooms = registry.per_org(ROOM_METRIC, orgs, scheme.year) if scheme.room_gate_cap and _metric(ROOM_METRIC) else None
    overdue: set[int] = set()
    if scheme.election_gate_cap:
        ids = [o.pk for o in orgs]
        snapshot = org_selectors.load_snapshot(
            Organization.objects.filter(pk__in=ids) if len(ids) <= 500 else assessed_orgs(scheme),
            as_of=scheme.closing_on,
            with_counts=False,
        )
        overdue = {r.org.pk for r in snapshot.rows if r.term.status == org_selectors.TermStatus.OVERDUE}
    records = {key: _records_base(_metric(key)) for key in figures}
    org_page = reverse("assessment:org_page", args=[scheme.pk, "CODE"]).replace("CODE", "{code}")
    return _Inputs(indicators, figures, members, self_marks, committee_marks, rooms, overdue, records, org_page)


def _score_org(scheme: Scheme, org: Organization, inputs: _Inputs) -> dict[str, Any]:
    weights = scheme.component_weights()
    components: dict[str, Decimal] = {c: Decimal(0) for c, w in weights.items() if w}
    breakdown: list[dict[str, Any]] = []
    for ind in inputs.indicators:
        figure: Decimal | None = None
        note, link, points = "", "", Decimal(0)
        if ind.is_automatic:
            values = inputs.figures.get(ind.metric_key)
            if values is None:
                note = "数据源未接入"
            else:
                figure = _dec(values.get(org.pk, 0))
                if ind.per_member:
                    party = inputs.members.get(org.path, 0)
                    figure = _q(figure / party) if party else Decimal(0)
                    note = f"党员 {party} 人"
                points = points_for(ind, figure)
                base = inputs.records.get(ind.metric_key, "")
                link = f"{base}?org={org.code}&year={scheme.year}" if base else ""
        elif ind.source == Source.SELF:
            mark = inputs.self_marks.get((ind.key, org.pk))
            if mark is None:
                note = "未自评"
            else:
                link = inputs.org_page.format(code=org.code)
                files = f"佐证材料 {len(mark.evidence.all())} 份"
                if not mark.counts or mark.reviewed_points is None:
                    # Only a self-evaluation the committee accepted or adjusted counts.
                    note = f"自评 {plain(mark.points)} 分，{mark.get_review_status_display()}，不计分；{files}"
                elif mark.review_status == ReviewStatus.ADJUSTED:
                    points = mark.reviewed_points
                    note = (
                        f"自评 {plain(mark.points)} 分，审核调整为 {plain(points)} 分（{mark.review_reason}）；{files}"
                    )
                else:
                    points = mark.reviewed_points
                    note = f"自评经审核认可；{files}"
        else:
            given = inputs.committee_marks.get((ind.key, org.pk), [])
            if not given:
                note = "未评分"
            else:
                points = _q(sum(given, Decimal(0)) / len(given))
                note = f"{len(given)} 名评分人员平均"
        points = min(points, ind.max_points)
        weighted = _q(ind.weight * points / ind.max_points)
        if ind.category.component in components:
            components[ind.category.component] += weighted
        breakdown.append(
            {
                "key": ind.key, "indicator": ind.name, "category": ind.category.name,
                "component": ind.category.component, "source": ind.source, "source_label": ind.get_source_display(),
                "metric": ind.metric_key, "figure": None if figure is None else plain(figure),
                "points": f"{points:f}", "max": plain(ind.max_points), "weight": plain(ind.weight),
                "weighted": f"{weighted:f}", "note": note, "link": link,
            }
        )  # fmt: skip
    score = _q(sum((components[c] * weights[c] / HUNDRED for c in components), Decimal(0)))
    caps: list[str] = []
    if inputs.rooms is not None and not inputs.rooms.get(org.pk):
        caps.append(f"党员活动室未达标，最高评为{Grade(scheme.room_gate_cap).label}")
    if org.pk in inputs.overdue:
        caps.append(f"换届超期，最高评为{Grade(scheme.election_gate_cap).label}")
    return {
        "score": score,
        "components": {c: f"{_q(v):f}" for c, v in components.items()},
        "breakdown": breakdown,
        "caps": caps,
    }


def regrade(result_set: ResultSet) -> None:
    """Grades (with the caps) and ranks of RESULT_SET from the stored scores (after an objection's answer)."""
    scheme = result_set.scheme
    rows = list(result_set.results.all())
    _rank(scheme, rows)
    OrgResult.objects.bulk_update(rows, ["score", "raw_grade", "grade", "rank"])


def _rank(scheme: Scheme, rows: list[OrgResult]) -> None:
    rows.sort(key=lambda r: (-r.score, r.org_id))
    previous: Decimal | None = None
    rank = 0
    for position, row in enumerate(rows, start=1):
        row.score = _q(row.base_score + row.adjustment)
        if row.score != previous:
            rank, previous = position, row.score
        row.rank = rank
        row.raw_grade = scheme.grade_for(row.score)
        row.grade = cap_grade(row.raw_grade, _cap_of(scheme, row))  # equal scores share a rank


def _cap_of(scheme: Scheme, row: OrgResult) -> str:
    cap = ""
    for text in row.capped_by or []:
        grade = scheme.room_gate_cap if text.startswith("党员活动室") else scheme.election_gate_cap
        if not cap or GRADE_ORDER.index(Grade(grade)) > GRADE_ORDER.index(Grade(cap)):
            cap = grade
    return cap


Progress = Callable[[int, int], None]  # (steps done, steps in all)


def _check_computable(scheme: Scheme, result_set: ResultSet | None) -> None:
    require_published(scheme)
    if Scheme.objects.filter(committee=scheme.committee, year=scheme.year, version__gt=scheme.version).exists():
        raise NotLatestVersion()
    if result_set is not None and result_set.status != ResultStatus.COMPUTED:
        raise ResultsLocked()


def results_compute(
    *, scheme: Scheme, by: Any = None, now: dt.datetime | None = None, progress: Progress | None = None
) -> ResultSet:
    """Compute and store the results of the published SCHEME (again, while not yet in notice).

    The organizations are scored first, reading only (PROGRESS is told after each batch, so a
    job's progress is visible while it runs); the rows are then replaced in one transaction, with
    the checks made again under the result set's lock. Anything that fails before writes nothing:
    the previous results stay as they were."""
    require_staff(by, scheme.committee)
    _check_computable(scheme, ResultSet.objects.filter(scheme=scheme).first())
    now = now or timezone.now()
    orgs = list(assessed_orgs(scheme))
    total = len(orgs) + 1
    inputs = _load(scheme, orgs)
    scored: Scored = []
    for i, org in enumerate(orgs, start=1):
        scored.append((org, _score_org(scheme, org, inputs)))
        if progress is not None and (i % 25 == 0 or i == len(orgs)):
            progress(i, total)
    result_set = _store(scheme, scored, by=by, now=now)
    if progress is not None:
        progress(total, total)
    return result_set


Scored = list[tuple[Organization, dict[str, Any]]]


@transaction.atomic
def _store(scheme: Scheme, scored: Scored, *, by: Any, now: dt.datetime) -> ResultSet:
    result_set = ResultSet.objects.select_for_update().filter(scheme=scheme).first()
    _check_computable(scheme, result_set)
    if result_set is None:
        result_set = ResultSet.objects.create(scheme=scheme, computed_at=now, computed_by=actor(by))
    else:
        result_set.computed_at, result_set.computed_by = now, actor(by)
        result_set.save(update_fields=["computed_at", "computed_by"])
        result_set.results.all().delete()
    rows = []
    for org, found in scored:
        row = OrgResult(
            result_set=result_set, org=org, base_score=found["score"], adjustment=Decimal(0),
            score=found["score"], capped_by=found["caps"], components=found["components"],
            breakdown=found["breakdown"], raw_grade=Grade.POOR, grade=Grade.POOR,
        )  # fmt: skip
        rows.append(row)
    _rank(scheme, rows)
    OrgResult.objects.bulk_create(rows, batch_size=500)
    registry.figures_changed("assessment")
    return result_set
