"""The evaluation tests' world: the named World with a secretary in post in every organization
but branch A02 (which is left out of a round), a round over the committee and three evaluators."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.evaluation import selectors, services
from dangjian.evaluation.models import Evaluator, Round, Subject
from dangjian.people.models import Member, Post, PostTitle

YEAR = timezone.localdate().year


def person(**fields: Any) -> Member:
    return cast(Member, MemberFactory(**fields))


def ballot_url(evaluator: Evaluator) -> str:
    return f"/evaluation/b/{selectors.token_for(evaluator)}/"


def use_throwaway_media(case: Any) -> None:
    """Report files go to a throwaway folder (unless another app's prepare() already pointed MEDIA_ROOT at one)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    if Path(settings.MEDIA_ROOT).resolve() == (Path(settings.VAR_DIR) / "media").resolve():
        folder = tempfile.mkdtemp(prefix="dangjian-evaluation-")
        override = override_settings(MEDIA_ROOT=folder)
        override.enable()
        case.addCleanup(shutil.rmtree, folder, True)
        case.addCleanup(override.disable)


def pdf(name: str = "述职报告.pdf", body: bytes = b"%PDF-1.4\n% report\n") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, content_type="application/pdf")


class EvaluationTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        use_throwaway_media(self)
        w = self.w
        since = dt.date(YEAR - 2, 1, 1)
        self.secretaries: dict[str, Member] = {}
        for org, name in ((w.org_a, "钱书记"), (w.branch_a1, "孙书记"), (w.org_b, "周书记"), (w.branch_b1, "吴书记")):
            sec = person(name=name, org=org)
            Post.objects.create(member=sec, org=org, title=PostTitle.SECRETARY, started_on=since)
            self.secretaries[org.code] = sec
        # The member of the World (张建国) was A01's secretary until last year: not the one listed.
        Post.objects.create(
            member=w.person_a, org=w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(YEAR - 6, 1, 1),
            ended_on=dt.date(YEAR - 2, 1, 1) - dt.timedelta(days=1),
        )  # fmt: skip

    def make_round(self, *, scope=None, evaluators: int = 3, days: int = 7, year: int = YEAR) -> Round:
        round_ = services.round_create(
            scope=scope or self.w.committee, year=year, title=f"{year}年度书记述职评议",
            deadline=timezone.now() + dt.timedelta(days=days), by=self.w.staff,
        )  # fmt: skip
        if evaluators:
            services.evaluators_add(
                round_=round_, names=[f"评议人{i}" for i in range(1, evaluators + 1)], kind="member", by=self.w.staff
            )
        return round_

    def subjects(self, round_: Round) -> dict[str, Subject]:
        return {s.org.code: s for s in round_.subjects.select_related("org")}

    def vote(self, evaluator: Evaluator, **grades_by_code: str) -> None:
        """EVALUATOR's ballot: a grade per organization code, 好 for those not named."""
        subjects = self.subjects(evaluator.round)
        grades = {s.pk: grades_by_code.get(code, "good") for code, s in subjects.items()}
        services.ballot_cast(evaluator=evaluator, grades=grades)

    def pass_deadline(self, round_: Round) -> Round:
        Round.objects.filter(pk=round_.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
        round_.refresh_from_db()
        return round_
