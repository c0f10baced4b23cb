"""Demo data of the assessment (found through the manifest by seed_demo).

Per committee: last year's scheme (the starter indicators, published), and this
year's, copied from it, published, revised once (version 2, published: version
1 is kept), with every organization's self-evaluation and the committee's
scores, the results computed from the other apps' figures, a public notice of
5 working days that has ended, three objections (two answered with a change of
score, one without) and the results final. Assessors are the committee staff
accounts seed_demo wrote (gongwei for the first committee).

Marks go in with bulk_create; the results are computed by the service (the
same code as the 计算结果 button). Everything random comes from
`ctx.rng("assessment")`; dates and times from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from dangjian.accounts.models import Role, User
from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext

from . import services
from .models import (
    Indicator,
    Mark,
    MarkKind,
    Objection,
    ObjectionStatus,
    ResultStatus,
    ReviewStatus,
    Scheme,
    SchemeStatus,
    Source,
)
from .services.common import after_working_days

OBJECTIONS = (
    ("信息报送篇数少计，本年度另有 2 篇经上级采用的信息未统计。", "经核实，补计信息报送得分。", Decimal("1.50")),
    ("工委日常考核扣分依据不清，申请复核。", "经复核，扣分事实清楚，维持原评分。", Decimal("0")),
    ("党建工作台账已于 11 月补齐，申请重新认定自评分。", "经核实台账已补齐，予以调整。", Decimal("1.00")),
)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _publish(scheme: Scheme, day: dt.date) -> None:
    scheme.status, scheme.published_at = SchemeStatus.PUBLISHED, _at(day)
    scheme.save(update_fields=["status", "published_at"])


def seed_assessment(ctx: SeedContext) -> None:
    rng = ctx.rng("assessment")
    root, today = ctx.root, ctx.today
    year = today.year
    staff = list(User.objects.filter(roles__role=Role.COMMITTEE_STAFF, roles__org=root).distinct().order_by("username"))
    last = services.scheme_create(committee=root, year=year - 1)
    last.assessors.set(staff)
    _publish(last, dt.date(year - 1, 3, 1))
    first = services.scheme_copy(committee=root, year=year)
    _publish(first, dt.date(year, 3, 1))
    scheme = services.scheme_revise(scheme=first)
    scheme.excellent_from = Decimal(88)  # version 2: a lower line for 优秀
    scheme.save(update_fields=["excellent_from"])
    _publish(scheme, dt.date(year, 4, 15))

    orgs = list(services.assessed_orgs(scheme))
    indicators = list(Indicator.objects.filter(category__scheme=scheme, source__in=[Source.SELF, Source.COMMITTEE]))
    assessor = staff[0] if staff else None
    marks = []
    for org in orgs:
        level = rng.choice((0.95, 0.9, 0.85, 0.8, 0.7, 0.55))
        for ind in indicators:
            share = min(1.0, max(0.0, level + rng.uniform(-0.1, 0.1)))
            points = (ind.max_points * Decimal(str(round(share, 2)))).quantize(Decimal("0.1"))
            is_self = ind.source == Source.SELF
            marks.append(
                Mark(
                    committee=root,
                    year=year,
                    indicator_key=ind.key,
                    org=org,
                    kind=MarkKind.SELF if is_self else MarkKind.COMMITTEE,
                    assessor=None if is_self else assessor,
                    points=points,
                    note="按要求完成，台账齐全。" if is_self and share > 0.8 else "",
                    # The committee accepted every self-evaluation of the demo year (a reviewed one counts).
                    review_status=ReviewStatus.ACCEPTED if is_self else ReviewStatus.PENDING,
                    reviewed_points=points if is_self else None,
                    reviewed_by=assessor if is_self else None,
                    reviewed_at=_at(today - dt.timedelta(days=25)) if is_self else None,
                )  # fmt: skip
            )
    bulk_insert(Mark, marks, batch_size=1000)

    result_set = services.results_compute(scheme=scheme, now=_at(today - dt.timedelta(days=20)))
    notice_day = today - dt.timedelta(days=14)
    ends = after_working_days(notice_day, scheme.notice_working_days)
    result_set.status, result_set.noticed_at, result_set.notice_ends_on = ResultStatus.NOTICE, _at(notice_day), ends
    result_set.save(update_fields=["status", "noticed_at", "notice_ends_on"])
    objected = [r for r in result_set.results.order_by("rank")][5::60][: len(OBJECTIONS)]
    for result, (text, answer, change) in zip(objected, OBJECTIONS, strict=False):
        objection = Objection.objects.create(
            result=result, text=text, filed_at=_at(notice_day + dt.timedelta(days=1), 15),
            status=ObjectionStatus.ANSWERED, answer=answer, score_change=change,
            answered_at=_at(notice_day + dt.timedelta(days=3), 10), answered_by=assessor,
        )  # fmt: skip
        if change:
            result.adjustment += objection.score_change
            result.save(update_fields=["adjustment"])
    services.compute.regrade(result_set)
    result_set.status, result_set.finalized_at = ResultStatus.FINAL, _at(ends + dt.timedelta(days=1), 16)
    result_set.save(update_fields=["status", "finalized_at"])
    ctx.counts["考核方案"] = Scheme.objects.filter(committee=root).count()
    ctx.counts["考核结果"] = result_set.results.count()
