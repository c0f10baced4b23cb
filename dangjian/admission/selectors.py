"""Reads of the admission app, scoped through dangjian.core.scoping and core.tree.

`visible_*` start from a user; `*_in(org, year)` start from an organization the
caller has already checked the user may see (they are the records behind the
registry's figures, so a figure and its page agree). `dues_of` says, for one
case, what is due next and what is overdue, from its steps and the rules in conf.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from dangjian.core import scoping
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.picker import Scope
from dangjian.orgs.selectors import roll_up

from .conf import AdmissionSettings
from .models import OPEN_STAGES, Case, CaseFile, Outcome, Stage, Step, StepKind, add_months
from .services.steps import RULES

K = StepKind

# The records behind each figure: the date on which a case reached the stage.
STAGE_DATES = {
    "applicants": ("applied_on", "入党申请人", "递交入党申请书"),
    "activists": ("activist_on", "入党积极分子", "确定为入党积极分子"),
    "candidates": ("candidate_on", "发展对象", "列为发展对象"),
    "admitted": ("admitted_on", "发展党员（预备党员）", "批准为预备党员"),
    "converted": ("full_on", "预备党员转正", "转为正式党员"),
}


# ---------------------------------------------------------------- from a user


def visible_cases(user: Any) -> QuerySet[Case]:
    return scoping.scoped_by_org(user, Case.objects.all())


def visible_files(user: Any) -> QuerySet[CaseFile]:
    """The documents of the cases USER sees (whoever may see the person may read their files)."""
    return scoping.scoped_by_org(user, CaseFile.objects.all(), "case__org")


# Where applications are received and cases kept (the case form's organization picker offers these).
BRANCHES = Scope(kinds=(OrgKind.BRANCH,))


def visible_branches(user: Any) -> QuerySet[Organization]:
    """The branches USER sees: where applications are received and cases kept."""
    return BRANCHES.orgs(user).order_by("path")


# ---------------------------------------------------------------- the records behind the figures


def reached_in(org: Organization, year: int, key: str) -> QuerySet[Case]:
    """Cases of ORG's subtree that reached the stage of KEY (see STAGE_DATES) in YEAR."""
    date_field = STAGE_DATES[key][0]
    return scoping.in_subtree(Case.objects.filter(**{f"{date_field}__year": year}), org)


def applicants_in(org: Organization, year: int) -> QuerySet[Case]:
    return reached_in(org, year, "applicants")


def activists_in(org: Organization, year: int) -> QuerySet[Case]:
    return reached_in(org, year, "activists")


def candidates_in(org: Organization, year: int) -> QuerySet[Case]:
    return reached_in(org, year, "candidates")


def admitted_in(org: Organization, year: int) -> QuerySet[Case]:
    return reached_in(org, year, "admitted")


def converted_in(org: Organization, year: int) -> QuerySet[Case]:
    return reached_in(org, year, "converted")


def quarters(org: Organization, year: int) -> list[tuple[str, str, list[int], int]]:
    """(key, label, [count per quarter], total) of each figure for ORG's subtree in YEAR: one query."""
    aggregates: dict[str, Count] = {}
    for key, (date_field, _, _) in STAGE_DATES.items():
        for quarter in range(4):
            months = {f"{date_field}__year": year, f"{date_field}__month__gte": quarter * 3 + 1}
            months[f"{date_field}__month__lte"] = quarter * 3 + 3
            aggregates[f"{key}_{quarter}"] = Count("pk", filter=Q(**months))
    found = scoping.in_subtree(Case.objects.all(), org).aggregate(**aggregates)
    rows = []
    for key, (_, label, _) in STAGE_DATES.items():
        counts = [found[f"{key}_{quarter}"] for quarter in range(4)]
        rows.append((key, label, counts, sum(counts)))
    return rows


# ---------------------------------------------------------------- what is due


@dataclass(frozen=True)
class Due:
    label: str
    on: dt.date | None = None  # the deadline (overdue after it) or the day from which the step may be taken
    overdue: bool = False
    soon: bool = False
    deadline: bool = True  # False: ON is the earliest day, not a deadline

    @property
    def text(self) -> str:
        if self.on is None:
            return self.label
        if self.deadline:
            return (
                f"{self.label}（{'已于' if self.overdue else ''}{self.on:%Y-%m-%d}{'到期' if self.overdue else '前'}）"
            )
        return f"{self.label}（{self.on:%Y-%m-%d}起）"


def _latest(steps: Sequence[tuple[str, dt.date]], kind: str) -> dt.date | None:
    days = [on for k, on in steps if k == kind]
    return max(days) if days else None


def dues_of(case: Case, steps: Sequence[tuple[str, dt.date]], today: dt.date) -> list[Due]:
    """What is due next on CASE (STEPS: its (kind, done_on)), overdue ones first."""
    conf = AdmissionSettings.current()
    done = {k for k, _ in steps}
    found: list[Due] = []

    def deadline(label: str, on: dt.date, warn_days: int = 0) -> None:
        found.append(Due(label, on, overdue=today > on, soon=today <= on <= today + dt.timedelta(days=warn_days)))

    if case.stage == Stage.APPLICANT:
        if K.TALK not in done:
            deadline("派人谈话", case.applied_on + dt.timedelta(days=conf.talk_within_days))
        else:
            found.append(Due("支委会研究确定入党积极分子"))
    elif case.stage == Stage.ACTIVIST and case.activist_on:
        last = max(case.activist_on, _latest(steps, K.OBSERVATION) or case.activist_on)
        deadline("季度培养考察记录", add_months(last, conf.record_every_months), 15)
        found.append(Due("列为发展对象", add_months(case.activist_on, conf.observation_months), deadline=False))
    elif case.stage == Stage.CANDIDATE:
        if case.voted_on and conf.approval_within_months > 0:
            deadline("上级党委审批", add_months(case.voted_on, conf.approval_within_months), 30)
        elif case.voted_on:
            found.append(Due("上级党委审批"))
        else:
            for kind in (K.REVIEW, K.TRAINING, K.SPONSORS, K.PRE_EXAM, K.NOTICE, K.VOTE):
                if kind in done:
                    continue
                if all(n in done for n in RULES[kind].needs):
                    if kind == K.VOTE:
                        notice = _latest(steps, K.NOTICE)
                        assert notice is not None
                        on = notice + dt.timedelta(days=conf.notice_days)
                        found.append(Due("支部大会讨论接收预备党员", on, deadline=False))
                    else:
                        found.append(Due(str(kind.label)))
    elif case.stage == Stage.PROBATIONARY and case.admitted_on and case.probation_ends_on:
        if K.OATH not in done:
            found.append(Due("入党宣誓"))
        last = max(case.admitted_on, _latest(steps, K.PROBATION_RECORD) or case.admitted_on)
        if last < case.probation_ends_on:
            deadline("季度预备期考察记录", add_months(last, conf.record_every_months), 15)
        deadline("预备期满讨论转正", case.probation_ends_on, conf.probation_warning_days)
    found.sort(key=lambda d: (not d.overdue, not d.soon, d.on or dt.date.max))
    return found


def steps_by_case(case_ids: Iterable[int]) -> dict[int, list[tuple[str, dt.date]]]:
    found: dict[int, list[tuple[str, dt.date]]] = defaultdict(list)
    for case_id, kind, on in Step.objects.filter(case_id__in=list(case_ids)).values_list("case_id", "kind", "done_on"):
        found[case_id].append((kind, on))
    return found


# ---------------------------------------------------------------- a branch's pipeline


@dataclass
class PipelineRow:
    case: Case
    dues: list[Due]

    @property
    def overdue(self) -> list[Due]:
        return [d for d in self.dues if d.overdue]

    @property
    def next(self) -> Due | None:
        return self.dues[0] if self.dues else None


@dataclass
class StageGroup:
    stage: str
    label: str
    rows: list[PipelineRow] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


def pipeline(org: Organization, today: dt.date) -> list[StageGroup]:
    """The people of ORG's subtree by stage (open cases, and those converted this year), with what is due."""
    cases = list(
        scoping.in_subtree(Case.objects.all(), org)
        .filter(Q(stage__in=OPEN_STAGES) | Q(stage=Stage.FULL, full_on__year=today.year))
        .select_related("org")
        .order_by("applied_on", "id")
    )
    steps = steps_by_case(c.pk for c in cases)
    groups: dict[str, StageGroup] = {s: StageGroup(s, str(Stage(s).label)) for s in (*OPEN_STAGES, Stage.FULL)}
    groups[Stage.FULL].label = f"{today.year}年转为正式党员"
    for case in cases:
        groups[case.stage].rows.append(PipelineRow(case, dues_of(case, steps.get(case.pk, []), today)))
    for group in groups.values():
        group.rows.sort(key=lambda r: (not r.overdue, r.next.on if r.next and r.next.on else dt.date.max))
    return list(groups.values())


# ---------------------------------------------------------------- the committee's overview


@dataclass
class BranchLine:
    org: Organization
    counts: dict[str, int]
    overdue: int

    @property
    def open_total(self) -> int:
        return sum(self.counts.get(s, 0) for s in OPEN_STAGES)


def _earliest_with(months: int, today: dt.date) -> dt.date:
    """The first day D with add_months(D, MONTHS) >= TODAY: a deadline MONTHS after a day is past
    exactly when that day is earlier than D."""
    day = add_months(today, -months)
    while add_months(day, months) < today:
        day += dt.timedelta(days=1)
    while add_months(day - dt.timedelta(days=1), months) >= today:
        day -= dt.timedelta(days=1)
    return day


def overdue_q(today: dt.date) -> Q:
    """The open cases with something overdue on TODAY, as a filter: dues_of's deadlines in the database.

    Needs the annotations of `with_latest_steps` (has_talk, last_observation, last_record)."""
    conf = AdmissionSettings.current()
    record_late = _earliest_with(conf.record_every_months, today)
    q = Q(stage=Stage.APPLICANT, has_talk=False, applied_on__lt=today - dt.timedelta(days=conf.talk_within_days))
    q |= Q(stage=Stage.ACTIVIST, activist_on__lt=record_late) & (
        Q(last_observation__isnull=True) | Q(last_observation__lt=record_late)
    )
    if conf.approval_within_months > 0:
        q |= Q(stage=Stage.CANDIDATE, voted_on__lt=_earliest_with(conf.approval_within_months, today))
    probation = Q(stage=Stage.PROBATIONARY, admitted_on__isnull=False, probation_ends_on__isnull=False)
    record_missing = Q(admitted_on__lt=record_late) & (Q(last_record__isnull=True) | Q(last_record__lt=record_late))
    last_before_end = Q(
        Q(last_record__isnull=True, admitted_on__lt=F("probation_ends_on"))
        | Q(last_record__isnull=False, last_record__lt=F("probation_ends_on"), admitted_on__lt=F("probation_ends_on"))
    )
    q |= probation & (Q(probation_ends_on__lt=today) | (record_missing & last_before_end))
    return q


def with_latest_steps(cases: QuerySet[Case]) -> QuerySet[Case]:
    """CASES with whether the talk is held and the dates of the latest quarterly records (one subquery each)."""
    steps = Step.objects.filter(case=OuterRef("pk"))

    def latest(kind: str) -> Subquery:
        return Subquery(steps.filter(kind=kind).order_by("-done_on").values("done_on")[:1])

    return cases.alias(
        has_talk=Exists(steps.filter(kind=K.TALK)),
        last_observation=latest(K.OBSERVATION),
        last_record=latest(K.PROBATION_RECORD),
    )


def overview(scope: Organization, today: dt.date) -> list[BranchLine]:
    """Every branch of SCOPE's subtree with its open cases per stage and how many have something overdue:
    one grouped query over the subtree (counted in the database), rolled up to the branches."""
    branches = list(scoping.in_subtree(Organization.objects.filter(kind=OrgKind.BRANCH), scope, "").order_by("path"))
    cases = with_latest_steps(scoping.in_subtree(Case.objects.filter(stage__in=OPEN_STAGES), scope))
    rows = list(
        cases.values("org__path", "stage").annotate(n=Count("pk"), late=Count("pk", filter=overdue_q(today))).order_by()
    )
    counts: dict[str, dict[int, int]] = {
        stage: roll_up(branches, [(r["org__path"], r["n"]) for r in rows if r["stage"] == stage])
        for stage in OPEN_STAGES
    }
    overdue = roll_up(branches, [(r["org__path"], r["late"]) for r in rows])
    return [
        BranchLine(b, {s: counts[s][b.pk] for s in OPEN_STAGES if counts[s][b.pk]}, overdue[b.pk]) for b in branches
    ]


# ---------------------------------------------------------------- one case


def case_steps(case: Case) -> QuerySet[Step]:
    return case.steps.prefetch_related("people", "files").select_related("recorded_by").order_by("done_on", "id")


def available_steps(case: Case, steps: Sequence[Step]) -> list[str]:
    """The steps that may be recorded next on CASE (their order satisfied; dates are the service's to check)."""
    if not case.is_open:
        return []
    done = {s.kind for s in steps}
    found = []
    for kind, rule in RULES.items():
        if case.stage not in rule.stages or not all(n in done for n in rule.needs):
            continue
        if kind in done and kind not in (K.OBSERVATION, K.PROBATION_RECORD, K.CONVERSION):
            continue
        if kind == K.CONVERSION and any(s.kind == kind and s.outcome != Outcome.EXTEND for s in steps):
            continue
        found.append(kind)
    return found


def contacts_of(steps: Sequence[Step]) -> list[Any]:
    return [p for s in steps if s.kind == K.ACTIVIST for p in s.people.all()]


def sponsors_of(steps: Sequence[Step]) -> list[Any]:
    return [p for s in steps if s.kind == K.SPONSORS for p in s.people.all()]
