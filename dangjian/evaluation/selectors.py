"""Reads of the evaluation app, scoped through dangjian.core.scoping and core.tree.

`visible_*` start from a user (committee staff: everything of their committees;
an organization's administrators: the secretaries of their subtree and the rounds
those appear in). `*_in(org, year)` start from an organization the caller has
already checked the user may see: they are the records behind the registry's
figures, so a figure and its page always agree.

The tally (`tally`) is a pure function of the ballots: the counts per grade of
each secretary, the score (mean points, one decimal) and the overall grade (see
`overall_grade`). It is stored on the subjects when the round closes; until then
`results` computes it afresh (a round past its deadline reads as closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.orgs.picker import Scope

from .conf import EvaluationSettings
from .models import (
    Evaluator,
    Grade,
    Mark,
    ReportStatus,
    Round,
    RoundStatus,
    Subject,
    Talk,
)

if TYPE_CHECKING:
    import datetime as dt

TOKEN_SALT = "dangjian.evaluation.ballot"


# ---------------------------------------------------------------- the personal link


def token_for(evaluator: Evaluator) -> str:
    """The evaluator's personal token: their id and secret nonce, signed with the site's key."""
    return signing.Signer(salt=TOKEN_SALT).sign(f"{evaluator.pk}.{evaluator.nonce}")


def evaluator_for_token(token: str) -> Evaluator | None:
    """The evaluator a token names, or None for a forged, altered or revoked one (expiry is the round's)."""
    try:
        value = signing.Signer(salt=TOKEN_SALT).unsign(token[:200])
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition(".")
    if not pk.isdigit() or not nonce:
        return None
    evaluator = Evaluator.objects.select_related("round__scope").filter(pk=int(pk)).first()
    if evaluator is None or not constant_time_compare(evaluator.nonce, nonce):
        return None
    return evaluator


# ---------------------------------------------------------------- the tally


@dataclass(frozen=True)
class Result:
    good: int
    fairly_good: int
    average: int
    poor: int
    score: Decimal | None  # None: nobody rated this secretary
    grade: str  # a Grade value, "" when unrated

    @property
    def votes(self) -> int:
        return self.good + self.fairly_good + self.average + self.poor

    @property
    def grade_label(self) -> str:
        return Grade(self.grade).label if self.grade else "未评议"


def points_of(conf: EvaluationSettings) -> dict[str, int]:
    return {
        Grade.GOOD: conf.points_good,
        Grade.FAIRLY_GOOD: conf.points_fairly_good,
        Grade.AVERAGE: conf.points_average,
        Grade.POOR: conf.points_poor,
    }


def overall_grade(counts: dict[str, int], score: Decimal | None, conf: EvaluationSettings) -> str:
    """The overall grade: by the score's thresholds, then capped by the majority rule (when on):
    差 from more than half of the ballots gives 差; 一般 and 差 together from more than half give
    at most 一般."""
    if score is None:
        return ""
    if score >= Decimal(str(conf.threshold_good)):
        grade = Grade.GOOD
    elif score >= Decimal(str(conf.threshold_fairly_good)):
        grade = Grade.FAIRLY_GOOD
    elif score >= Decimal(str(conf.threshold_average)):
        grade = Grade.AVERAGE
    else:
        grade = Grade.POOR
    if conf.majority_cap:
        n = sum(counts.values())
        poor, low = counts.get(Grade.POOR, 0), counts.get(Grade.AVERAGE, 0) + counts.get(Grade.POOR, 0)
        if poor * 2 > n:
            grade = Grade.POOR
        elif low * 2 > n and grade in (Grade.GOOD, Grade.FAIRLY_GOOD):
            grade = Grade.AVERAGE
    return str(grade)


def result_of(counts: dict[str, int], conf: EvaluationSettings, points: dict[str, int]) -> Result:
    n = sum(counts.values())
    score = None
    if n:
        total = sum(points[g] * c for g, c in counts.items())
        score = (Decimal(total) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Result(
        good=counts.get(Grade.GOOD, 0),
        fairly_good=counts.get(Grade.FAIRLY_GOOD, 0),
        average=counts.get(Grade.AVERAGE, 0),
        poor=counts.get(Grade.POOR, 0),
        score=score,
        grade=overall_grade(counts, score, conf),
    )


def tally(round_: Round) -> dict[int, Result]:
    """Every secretary's result in ROUND from its ballots, keyed by subject id (one grouped query)."""
    conf = EvaluationSettings.current()
    points = points_of(conf)
    counts: dict[int, dict[str, int]] = {pk: {} for pk in round_.subjects.values_list("pk", flat=True)}
    rows = Mark.objects.filter(ballot__round=round_).values_list("subject_id", "grade").annotate(n=Count("id"))
    for subject_id, grade, n in rows.order_by():
        counts.setdefault(subject_id, {})[grade] = n
    return {pk: result_of(c, conf, points) for pk, c in counts.items()}


def stored_result(subject: Subject) -> Result:
    return Result(
        good=subject.votes_good,
        fairly_good=subject.votes_fairly_good,
        average=subject.votes_average,
        poor=subject.votes_poor,
        score=subject.score,
        grade=subject.grade,
    )


def is_over(round_: Round, now: dt.datetime | None = None) -> bool:
    """Closed, or past its deadline (closing then is only a matter of writing the tally down)."""
    return round_.status == RoundStatus.CLOSED or (now or timezone.now()) >= round_.deadline


def results(round_: Round, subjects: Iterable[Subject]) -> dict[int, Result]:
    """The results of SUBJECTS of ROUND: as stored once closed, tallied afresh before."""
    if round_.status == RoundStatus.CLOSED:
        return {s.pk: stored_result(s) for s in subjects}
    found = tally(round_)
    return {s.pk: found[s.pk] for s in subjects if s.pk in found}


# ---------------------------------------------------------------- from a user


def visible_subjects(user: Any) -> QuerySet[Subject]:
    return scoping.scoped_by_org(user, Subject.objects.all())


def visible_rounds(user: Any) -> QuerySet[Round]:
    """Rounds over a scope USER oversees, and rounds in which a secretary of USER's subtree reports."""
    paths = scoping.scope_paths(user)
    if not paths:
        return Round.objects.none()
    own = tree.subtree_q(paths, "scope__path")
    return Round.objects.filter(own | Q(pk__in=visible_subjects(user).values("round_id"))).distinct()


def visible_talks(user: Any) -> QuerySet[Talk]:
    return scoping.scoped_by_org(user, Talk.objects.all())


def own_subjects(user: Any) -> QuerySet[Subject]:
    """The rounds' entries of USER's own person (a secretary with an account files their own report)."""
    pid = getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None
    if not pid:
        return Subject.objects.none()
    return Subject.objects.filter(secretary_id=pid).select_related("round", "org")


def round_scopes() -> Scope:
    """Where committee staff may start a round: the committee, or an organization whose secretary
    reports (the round form's organization picker offers these)."""
    return Scope(roles=("committee_staff",), kinds=("committee", *EvaluationSettings.current().reporting_kinds))


def scope_choices(user: Any) -> QuerySet[Organization]:
    """Where committee staff may start a round: the committee, or a party committee / general branch / branch."""
    return round_scopes().orgs(user).order_by("path")


def reporting_orgs(scope: Organization) -> QuerySet[Organization]:
    """The organizations of SCOPE's subtree (SCOPE included) whose secretaries report, in tree order."""
    kinds = EvaluationSettings.current().reporting_kinds
    return scoping.in_subtree(Organization.objects.filter(kind__in=kinds), scope, "").order_by("path")


def turnout(round_: Round) -> tuple[int, int]:
    """(ballots cast, evaluators named)."""
    found = round_.evaluators.aggregate(cast=Count("id", filter=Q(cast_at__isnull=False)), all=Count("id"))
    return found["cast"], found["all"]


# ---------------------------------------------------------------- the records behind the figures


def _closed_in(year: int) -> Q:
    return Q(round__year=year, round__status=RoundStatus.CLOSED)


def scores_in(org: Organization, year: int) -> QuerySet[Subject]:
    """Secretaries of ORG's subtree rated in a closed round of YEAR (the records of evaluation.score)."""
    qs = Subject.objects.filter(_closed_in(year), score__isnull=False)
    return scoping.in_subtree(qs, org).select_related("round", "org").order_by("org__path", "-round__closed_at")


def score_of(org: Organization, year: int) -> Decimal | None:
    """ORG's own secretary's score in YEAR: the latest closed round that rated them; None if none."""
    row = (
        Subject.objects.filter(_closed_in(year), org=org, score__isnull=False)
        .order_by("-round__closed_at", "-round_id")
        .values_list("score", flat=True)
        .first()
    )
    return row


def scores_of(orgs: Sequence[Organization], year: int) -> dict[int, Decimal]:
    """score_of for many organizations in one query."""
    rows = (
        Subject.objects.filter(_closed_in(year), org__in=[o.pk for o in orgs], score__isnull=False)
        .order_by("org_id", "round__closed_at", "round_id")
        .values_list("org_id", "score")
    )
    return {org_id: score for org_id, score in rows if score is not None}  # the latest round comes last and wins


def reports_in(org: Organization, year: int) -> QuerySet[Subject]:
    """Reports submitted in rounds of YEAR by secretaries of ORG's subtree."""
    qs = Subject.objects.filter(round__year=year, report_status=ReportStatus.SUBMITTED)
    return scoping.in_subtree(qs, org).select_related("round", "org").order_by("org__path", "round_id")


def talks_in(org: Organization, year: int) -> QuerySet[Talk]:
    """Secretaries put on the formal-talk list by a round of YEAR, in ORG's subtree."""
    qs = Talk.objects.filter(subject__round__year=year)
    return scoping.in_subtree(qs, org).select_related("subject__round", "org").order_by("org__path", "id")
