"""The admission tests' world: the named World, four full members and a probationary one in A01,
and a standard plan that takes a case through every step on fixed dates (TODAY is passed to the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError

from dangjian.admission import services
from dangjian.admission.models import Case, Outcome, Stage, Step, StepKind
from dangjian.admission.services import StepData
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase, MemberFactory, make_id_number
from dangjian.people.models import Member, Status

K = StepKind
D = dt.date
TODAY = D(2025, 6, 1)
APPLIED = D(2022, 3, 1)
TALLY: dict[str, Any] = {"eligible": 10, "votes_for": 9, "votes_against": 1, "votes_abstain": 0}


def media(case: Any) -> None:
    """Keep uploaded files out of the real media folder (unless another app moved it already)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    if Path(settings.MEDIA_ROOT).resolve() != (Path(settings.VAR_DIR) / "media").resolve():
        return
    folder = tempfile.mkdtemp(prefix="dangjian-admission-")
    override = override_settings(MEDIA_ROOT=folder)
    override.enable()
    case.addCleanup(shutil.rmtree, folder, True)
    case.addCleanup(override.disable)


def pdf(name: str = "谈话记录.pdf", body: bytes = b"talk") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.7\n" + body, content_type="application/pdf")


def person(**fields: Any) -> Member:
    return cast(Member, MemberFactory.create(**fields))


def adult_id(serial: int = 7, born: dt.date | None = None) -> str:
    return make_id_number(born or D(1998, 5, 1), serial=serial)


class AdmissionTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        b = self.w.branch_a1
        self.full = [person(name=n, org=b, status=Status.FULL) for n in ("钱一", "孙二", "周三", "吴四")]
        self.prob = person(name="郑五", org=b, status=Status.PROBATIONARY, joined_party_on=D(2024, 10, 1))

    def open(self, name: str = "孙悦", id_number: str | None = None, applied_on: dt.date = APPLIED, org=None) -> Case:
        return services.case_open(
            org=org or self.w.branch_a1, name=name, id_number=id_number or adult_id(), applied_on=applied_on,
            today=TODAY,
        )  # fmt: skip

    def step(self, case: Case, kind: str, on: dt.date, today: dt.date = TODAY, **data: Any) -> Step:
        return services.step_record(case=case, kind=kind, done_on=on, data=StepData(**data), today=today)

    def refused(self, codes: set[str], case: Case, kind: str, on: dt.date, **data: Any) -> None:
        """The step is refused with CODES, and nothing is written."""
        steps, stage = Step.objects.count(), Case.objects.get(pk=case.pk).stage
        with self.assertRaises(ValidationError) as caught:
            self.step(case, kind, on, **data)
        self.assertEqual(codes_of(caught.exception), codes)
        self.assertEqual(Step.objects.count(), steps)
        self.assertEqual(Case.objects.get(pk=case.pk).stage, stage)

    # ------------------------------------------------------------- the standard plan, stage by stage

    def to_activist(self, case: Case) -> Case:
        self.step(case, K.TALK, D(2022, 3, 20), note="谈话了解入党动机")
        self.step(case, K.ACTIVIST, D(2022, 4, 10), people=self.full[:2], document="支委会会议记录")
        return case

    def observed(self, case: Case) -> Case:
        for on in (D(2022, 7, 10), D(2022, 10, 10), D(2023, 1, 10), D(2023, 4, 10)):
            self.step(case, K.OBSERVATION, on, note="表现良好")
        return case

    def to_candidate(self, case: Case) -> Case:
        self.observed(self.to_activist(case))
        self.step(case, K.CANDIDATE, D(2023, 4, 20))
        return case

    def ready_for_vote(self, case: Case) -> Case:
        self.to_candidate(case)
        self.step(case, K.REVIEW, D(2023, 5, 10), note="政治审查合格")
        self.step(case, K.TRAINING, D(2023, 5, 15), days=3)
        self.step(case, K.SPONSORS, D(2023, 5, 20), people=self.full[2:4])
        self.step(case, K.PRE_EXAM, D(2023, 6, 1), document="预审意见")
        self.step(case, K.NOTICE, D(2023, 6, 5))
        return case

    def to_probationary(self, case: Case) -> Case:
        self.ready_for_vote(case)
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        self.step(case, K.APPROVAL, D(2023, 7, 10), document="党委批复")
        return case

    def ready_for_conversion(self, case: Case) -> Case:
        self.to_probationary(case)
        self.step(case, K.OATH, D(2023, 7, 15))
        for on in (D(2023, 9, 15), D(2023, 12, 15), D(2024, 3, 15), D(2024, 6, 10)):
            self.step(case, K.PROBATION_RECORD, on, note="表现良好")
        return case

    def to_full(self, case: Case) -> Case:
        self.ready_for_conversion(case)
        self.step(case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.CONVERT, **TALLY)
        return case


__all__ = [
    "APPLIED", "TALLY", "TODAY", "AdmissionTestCase", "D", "K", "Outcome", "Stage", "adult_id", "media", "pdf",
    "person",
]  # fmt: skip
