"""Marks: an organization's self-evaluation (with evidence files) and the assessors' scores.

Marks go on the version of the scheme in force (the latest published one)
and follow the indicator's key, so a later version keeps them. They close
when the results go into public notice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core.uploads import CheckedFile, check_file
from dangjian.orgs.models import Organization

from .. import permissions
from ..conf import AssessmentSettings
from ..errors import (
    AssessmentRefusal,
    BadPoints,
    BadReview,
    NotAssessor,
    NotLatestVersion,
    PointsAboveMax,
    ResultsLocked,
    ReviewReasonMissing,
    TooManyEvidence,
    WrongSource,
)
from ..models import Evidence, Indicator, Mark, MarkKind, ResultSet, ResultStatus, ReviewStatus, Scheme, Source
from .common import actor, plain, raise_all, require_published, require_staff


def _require_open(scheme: Scheme) -> None:
    require_published(scheme)
    if Scheme.objects.filter(committee=scheme.committee, year=scheme.year, version__gt=scheme.version).exists():
        raise NotLatestVersion()
    locked = ResultSet.objects.filter(
        scheme__committee=scheme.committee,
        scheme__year=scheme.year,
        status__in=[ResultStatus.NOTICE, ResultStatus.FINAL],
    )
    if locked.exists():
        raise ResultsLocked("考核结果已进入公示或已确定，不能再修改评分。")


def check_points(indicator: Indicator, points: Decimal | None, *, field: str | None = None) -> Decimal:
    if points is None or points < 0:
        raise BadPoints(field=field, name=indicator.name, most=plain(indicator.max_points))
    if points > indicator.max_points:
        raise PointsAboveMax(field=field, name=indicator.name, points=plain(points), most=plain(indicator.max_points))
    return points.quantize(Decimal("0.1"))


def _save_evidence(mark: Mark, checked: CheckedFile) -> Evidence:
    evidence = Evidence(
        mark=mark, name=checked.name, size=checked.size, content_type=checked.content_type, sha256=checked.sha256
    )
    stored = f"{timezone.now():%Y%m%d}-{uuid.uuid4().hex}{checked.extension}"  # never the uploaded name
    evidence.file.save(stored, checked.upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def mark_self(
    *,
    scheme: Scheme,
    indicator: Indicator,
    org: Organization,
    points: Decimal | None,
    note: str = "",
    files: Sequence[Any] = (),
    by: Any = None,
) -> Mark:
    """ORG's self-evaluation of INDICATOR: POINTS (0..maximum), a note and evidence FILES."""
    if by is not None and not permissions.can_self_evaluate(by, org):
        raise WrongSource("您不能填写该组织的自评。")
    if indicator.category.scheme_id != scheme.pk or indicator.source != Source.SELF:
        raise WrongSource()
    _require_open(scheme)
    conf = AssessmentSettings.current()
    problems: list[ValidationError] = []
    clean: Decimal | None = None
    try:
        clean = check_points(indicator, points, field="points")
    except ValidationError as e:
        problems.append(e)
    if len(note) > 2000:
        problems.append(AssessmentRefusal("说明最多 2000 个字。", field="note"))
    existing = Mark.objects.filter(
        committee=scheme.committee, year=scheme.year, indicator_key=indicator.key, org=org, kind=MarkKind.SELF
    ).first()
    already = existing.evidence.count() if existing else 0
    checked: list[CheckedFile] = []
    if already + len(files) > conf.max_evidence_per_mark:
        problems.append(TooManyEvidence(field="files", most=conf.max_evidence_per_mark))
    else:
        for f in files:
            try:
                checked.append(check_file(f, max_bytes=conf.evidence_max_bytes, field="files"))
            except ValidationError as e:
                problems.append(e)
                break
    raise_all(problems)
    assert clean is not None
    mark = existing or Mark(
        committee=scheme.committee, year=scheme.year, indicator_key=indicator.key, org=org, kind=MarkKind.SELF
    )
    mark.points, mark.note = clean, note.strip()
    # A changed (or returned and filled again) self-evaluation waits for the committee's review again.
    mark.review_status, mark.reviewed_points, mark.reviewed_by, mark.reviewed_at = (
        ReviewStatus.PENDING,
        None,
        None,
        None,
    )
    mark.save()
    for c in checked:
        _save_evidence(mark, c)
    return mark


@transaction.atomic
def mark_committee(
    *,
    scheme: Scheme,
    indicator: Indicator,
    points: Mapping[Organization, Decimal | None],
    notes: Mapping[Organization, str] | None = None,
    by: Any,
) -> list[Mark]:
    """BY's (a named assessor's) scores of INDICATOR for several organizations; blank ones are left
    as they were. All or nothing: one score above the maximum writes none."""
    if indicator.category.scheme_id != scheme.pk or indicator.source != Source.COMMITTEE:
        raise WrongSource()
    if not permissions.is_assessor(by, scheme):
        raise NotAssessor()
    _require_open(scheme)
    notes = notes or {}
    problems: list[ValidationError] = []
    clean: dict[Organization, Decimal] = {}
    for org, value in points.items():
        if value is None:
            continue
        try:
            clean[org] = check_points(indicator, value, field=f"p_{org.pk}")
        except ValidationError as e:
            problems.append(e)
    raise_all(problems)
    saved = []
    for org, value in clean.items():
        mark, _ = Mark.objects.update_or_create(
            committee=scheme.committee, year=scheme.year, indicator_key=indicator.key, org=org,
            kind=MarkKind.COMMITTEE, assessor=actor(by),
            defaults={"points": value, "note": (notes.get(org) or "").strip()[:2000]},
        )  # fmt: skip
        saved.append(mark)
    return saved


REVIEW_DECISIONS = (ReviewStatus.ACCEPTED, ReviewStatus.ADJUSTED, ReviewStatus.RETURNED)


@transaction.atomic
def mark_review(
    *,
    scheme: Scheme,
    mark: Mark,
    decision: str,
    points: Decimal | None = None,
    reason: str = "",
    by: Any = None,
) -> Mark:
    """The committee's review of a self-evaluation: accept it as given, adjust its points (with a
    reason), or return it to the organization (with a reason) to be filled again. Only accepted
    and adjusted self-evaluations count in the result."""
    require_staff(by, scheme.committee)
    _require_open(scheme)
    mark = Mark.objects.select_for_update(of=("self",)).get(pk=mark.pk)
    indicator = (
        Indicator.objects.filter(category__scheme=scheme, key=mark.indicator_key, source=Source.SELF)
        .select_related("category")
        .first()
    )
    if mark.kind != MarkKind.SELF or indicator is None or mark.committee_id != scheme.committee_id:
        raise WrongSource("只能审核本方案的组织自评。")
    if decision not in REVIEW_DECISIONS:
        raise BadReview("请选择审核结果（认可、调整或退回）。", field="decision")
    reason = (reason or "").strip()
    problems: list[ValidationError] = []
    clean: Decimal | None = mark.points
    if decision == ReviewStatus.ADJUSTED:
        try:
            clean = check_points(indicator, points, field="points")
        except ValidationError as e:
            problems.append(e)
    if decision != ReviewStatus.ACCEPTED and not reason:
        problems.append(ReviewReasonMissing(field="reason"))
    if len(reason) > 1000:
        problems.append(BadReview("审核意见最多 1000 个字。", field="reason"))
    raise_all(problems)
    mark.review_status = decision
    mark.reviewed_points = None if decision == ReviewStatus.RETURNED else clean
    mark.review_reason = reason
    mark.reviewed_by = actor(by)
    mark.reviewed_at = timezone.now()
    mark.save()  # auditlog: the decision, the points and the reason
    return mark
