"""Demo data of the admission app (seed_demo finds it in the manifest).

Per branch, the people a real branch has on its way in: every activist and every
probationary member of the roster gets the case that brought them there (steps
back-dated from their dates, contact persons and sponsors from the branch's full
members); members who joined one to two years ago their conversion; and about
one applicant a branch from outside the roster (or a non-party cadre), received
in the last months. Some steps are left late on purpose (a talk not held within
the month, a quarterly record missing, a probation run out), as in a real year.

Deterministic: everything random comes from `ctx.rng("admission")`, dates from
`ctx.today`. Rows are bulk-written (the services' checks hold for them by construction).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from dangjian.core import crypto, idcard, scoping
from dangjian.core.bulk import bulk_insert
from dangjian.core.masking import mask_id_number
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind, add_years
from dangjian.people.models import Status
from dangjian.people.selectors.for_apps import people_in

from .conf import AdmissionSettings
from .models import Case, Outcome, Stage, Step, StepKind, add_months

K = StepKind
APPLICANTS = {"demo": (0, 2), "city": (0, 2), "province": (0, 1)}  # new applicants per branch
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ("思远", "雨欣", "浩然", "梓涵", "子轩", "欣怡", "宇航", "佳琪", "俊杰", "诗琪", "博文", "晓彤")
MEMBER_FIELDS: tuple[str, ...] = ("id", "org_id", "name", "gender", "ethnicity", "birth_date", "status")
MEMBER_FIELDS += ("joined_party_on", "id_number_enc", "id_number_digest", "id_number_masked")


class _Writer:
    """Collects cases, their steps and the steps' people, then writes them in three bulk inserts."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.cases: list[Case] = []
        self.steps: list[list[tuple[Step, list[int]]]] = []

    def case(self, **fields: Any) -> list[tuple[Step, list[int]]]:
        self.cases.append(Case(**fields))
        steps: list[tuple[Step, list[int]]] = []
        self.steps.append(steps)
        return steps

    def save(self) -> int:
        Case.objects.bulk_create(self.cases, batch_size=500)
        rows: list[Step] = []
        people: list[tuple[int, list[int]]] = []
        for case, steps in zip(self.cases, self.steps, strict=True):
            for step, ids in steps:
                step.case_id = case.pk
                rows.append(step)
                people.append((len(rows) - 1, ids))
        bulk_insert(Step, rows, batch_size=1000)
        through = Step.people.through
        links = [through(step_id=rows[i].pk, member_id=m) for i, ids in people for m in ids]
        bulk_insert(through, links, batch_size=1000)
        return len(rows)


def _step(steps: list, kind: str, on: dt.date, people: list[int] | None = None, **fields: Any) -> None:
    steps.append((Step(kind=kind, done_on=on, **fields), people or []))


def _tally(rng: random.Random, full: int) -> dict[str, Any]:
    eligible = max(3, full)
    votes_for = eligible - rng.randint(0, max(0, (eligible - 1) // 4))
    return {"eligible": eligible, "votes_for": votes_for, "votes_against": 0, "votes_abstain": eligible - votes_for}


def _records(steps: list, kind: str, start: dt.date, until: dt.date, every: int, rng: random.Random) -> None:
    on = add_months(start, every)
    while on <= until:
        _step(steps, kind, on - dt.timedelta(days=rng.randint(0, 10)), note="思想积极，按时参加组织活动，表现良好。")
        on = add_months(on, every)


def _history(w: _Writer, p: dict, full_ids: list[int], activist_on: dt.date, upto: str) -> tuple[list, dict]:
    """The steps from application to UPTO (a stage) of roster person P, activist since ACTIVIST_ON."""
    conf, rng = AdmissionSettings.current(), w.rng
    full_ids = [i for i in full_ids if i != p["id"]]
    applied = activist_on - dt.timedelta(days=rng.randint(60, 200))
    contacts = rng.sample(full_ids, 2) if len(full_ids) >= 4 else []
    rest = [i for i in full_ids if i not in contacts]
    sponsors = rng.sample(rest, 2) if len(rest) >= 2 else []
    fields: dict[str, Any] = {"applied_on": applied, "activist_on": activist_on}
    steps: list = []
    _step(steps, K.TALK, applied + dt.timedelta(days=rng.randint(5, 25)), note="了解入党动机，进行党的基本知识教育。")
    _step(steps, K.ACTIVIST, activist_on, contacts, document="支委会会议记录")
    listed = add_months(activist_on, conf.observation_months) + dt.timedelta(days=rng.randint(0, 40))
    if upto == Stage.ACTIVIST:
        _records(steps, K.OBSERVATION, activist_on, w.today - dt.timedelta(days=rng.choice((0, 0, 0, 40))), 3, rng)
        return steps, fields
    _records(steps, K.OBSERVATION, activist_on, listed, 3, rng)
    _step(steps, K.CANDIDATE, listed, document="支委会会议记录")
    fields["candidate_on"] = listed
    d = listed
    for kind, gap in ((K.REVIEW, 20), (K.TRAINING, 10), (K.SPONSORS, 5), (K.PRE_EXAM, 15), (K.NOTICE, 5)):
        d = d + dt.timedelta(days=gap)
        if upto == Stage.CANDIDATE and d > w.today:
            return steps, fields
        extra: dict[str, Any] = {}
        if kind == K.REVIEW:
            extra["note"] = "政治审查合格。"
        if kind == K.TRAINING:
            extra = {"days": 3, "hours": 24, "document": "市直机关工委发展对象培训班"}
        _step(steps, kind, d, sponsors if kind == K.SPONSORS else None, **extra)
    return steps, fields


def seed_admission(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    conf, rng, today = AdmissionSettings.current(), ctx.rng("admission"), ctx.today
    branches = list(scoping.in_subtree(Organization.objects.filter(kind=OrgKind.BRANCH), ctx.root, "").order_by("path"))
    by_branch: dict[int, list[dict]] = defaultdict(list)
    for p in people_in(ctx.root).filter(org__kind=OrgKind.BRANCH).order_by("id").values(*MEMBER_FIELDS):
        by_branch[p["org_id"]].append(p)
    w = _Writer(rng, today)
    low, high = APPLICANTS.get(ctx.scale, APPLICANTS["demo"])
    serial = 0
    for org in branches:
        people = by_branch.get(org.pk, [])
        full_ids = [p["id"] for p in people if p["status"] == Status.FULL]
        for p in people:
            person = {k: p[k] for k in ("name", "gender", "ethnicity", "birth_date")}
            pii = {k: p[k] for k in ("id_number_enc", "id_number_digest", "id_number_masked")}
            base = {"org_id": org.pk, "member_id": p["id"], **person, **pii}
            if p["status"] == Status.ACTIVIST:
                activist_on = today - dt.timedelta(days=rng.randint(30, 700))
                stage = (
                    Stage.CANDIDATE if add_months(activist_on, conf.observation_months + 1) < today else Stage.ACTIVIST
                )
                steps, fields = _history(w, p, full_ids, activist_on, stage)
                if fields["applied_on"] < add_years(p["birth_date"], conf.min_age):
                    continue
                w.case(stage=stage, **base, **fields).extend(steps)
            elif p["status"] == Status.PROBATIONARY and p["joined_party_on"]:
                voted = p["joined_party_on"]
                steps, fields = _history(w, p, full_ids, add_months(voted, -16), Stage.PROBATIONARY)
                if fields["applied_on"] < add_years(p["birth_date"], conf.min_age):
                    continue
                _step(steps, K.VOTE, voted, document="支部大会决议", **_tally(rng, len(full_ids)))
                admitted = min(today, voted + dt.timedelta(days=rng.randint(20, 60)))
                ends = add_months(voted, conf.probation_months)
                _step(steps, K.APPROVAL, admitted, document="党委批复")
                _step(steps, K.OATH, min(today, admitted + dt.timedelta(days=rng.randint(1, 20))))
                _records(steps, K.PROBATION_RECORD, admitted, min(today, ends), 3, rng)
                fields.update(voted_on=voted, admitted_on=admitted, probation_ends_on=ends)
                w.case(stage=Stage.PROBATIONARY, **base, **fields).extend(steps)
            elif (
                p["status"] == Status.FULL
                and p["joined_party_on"]
                and add_months(today, -24) <= p["joined_party_on"] <= add_months(today, -12)
            ):
                voted = p["joined_party_on"]
                ends = add_months(voted, conf.probation_months)
                full_on = ends + dt.timedelta(days=rng.randint(1, 20))
                if full_on > today:
                    continue
                steps, fields = _history(w, p, full_ids, add_months(voted, -16), Stage.PROBATIONARY)
                if fields["applied_on"] < add_years(p["birth_date"], conf.min_age):
                    continue
                admitted = voted + dt.timedelta(days=30)
                _step(steps, K.VOTE, voted, document="支部大会决议", **_tally(rng, len(full_ids)))
                _step(steps, K.APPROVAL, admitted, document="党委批复")
                _step(steps, K.OATH, admitted + dt.timedelta(days=7))
                _records(steps, K.PROBATION_RECORD, admitted, ends, 3, rng)
                _step(
                    steps, K.CONVERSION, full_on, document="支部大会决议", outcome=Outcome.CONVERT,
                    **_tally(rng, len(full_ids)),
                )  # fmt: skip
                fields.update(voted_on=voted, admitted_on=admitted, probation_ends_on=ends, full_on=full_on)
                w.case(stage=Stage.FULL, **base, **fields).extend(steps)
        for _ in range(rng.randint(low, high)):
            serial += 1
            born = dt.date(rng.randint(1988, 2004), rng.randint(1, 12), rng.randint(1, 28))
            first17 = f"150105{born:%Y%m%d}{(serial % 499) * 2 + 1:03d}"
            number = first17 + idcard.check_digit(first17)
            applied = today - dt.timedelta(days=rng.randint(3, 120))
            steps = w.case(
                org_id=org.pk, name=rng.choice(SURNAMES) + rng.choice(GIVEN), gender=idcard.gender_of(number),
                ethnicity="汉族", birth_date=born, id_number_enc=crypto.encrypt(number),
                id_number_digest=crypto.digest(number), id_number_masked=mask_id_number(number), applied_on=applied,
            )  # fmt: skip
            if rng.random() < 0.7 and applied + dt.timedelta(days=20) <= today:
                _step(steps, K.TALK, applied + dt.timedelta(days=rng.randint(5, 20)), note="了解入党动机。")
    count = len(w.cases)
    steps_written = w.save()
    ctx.counts["发展党员档案"] = count
    ctx.counts["发展党员步骤"] = steps_written
