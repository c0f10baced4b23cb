"""Every evaluation route as each named user sees it (see dangjian.core.permission_matrix).

prepare() gives A, A01, B and B01 a secretary, opens this year's round over the
committee (one evaluator has voted, A01 has a draft report with a file) and
closes last year's round over B with B01 rated 差 (on the talk list). Committee
staff run rounds; the administrators of A and B see the rounds and their own
secretaries; the ballot page needs no login, only its token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page, row
from dangjian.evaluation import selectors, services
from dangjian.evaluation.models import Round, RoundStatus, Talk
from dangjian.people.models import Post, PostTitle

from .helpers import pdf, person, use_throwaway_media


def prepare(case: Any) -> dict[str, object]:
    use_throwaway_media(case)
    w = case.w
    year = timezone.localdate().year
    for org in (w.org_a, w.branch_a1, w.org_b, w.branch_b1):
        Post.objects.create(
            member=person(org=org), org=org, title=PostTitle.SECRETARY, started_on=dt.date(year - 2, 1, 1)
        )
    soon = timezone.now() + dt.timedelta(days=7)
    current = services.round_create(scope=w.committee, year=year, title="本年度述职评议", deadline=soon)
    voter = services.evaluator_add(round_=current, name="已投票的评议人")
    waiting = services.evaluator_add(round_=current, name="未投票的评议人")
    subjects = {s.org.code: s for s in current.subjects.select_related("org")}
    services.ballot_cast(evaluator=voter, grades={s.pk: "good" for s in subjects.values()})
    services.report_save(subject=subjects["A01"], text="述职报告草稿", upload=pdf())

    last = services.round_create(scope=w.org_b, year=year - 1, title="上年度述职评议", deadline=soon)
    rater = services.evaluator_add(round_=last, name="评议人")
    services.ballot_cast(
        evaluator=rater,
        grades={s.pk: "poor" if s.org.code == "B01" else "good" for s in last.subjects.select_related("org")},
    )
    services.round_close(round_=last)
    talk = Talk.objects.get(subject__round=last)

    def reopen() -> None:
        Talk.objects.filter(subject__round=current).delete()
        Round.objects.filter(pk=current.pk).update(status=RoundStatus.OPEN, closed_at=None)

    case.before_each["evaluation:round_close"] = reopen
    return {
        "e_round": current.pk, "e_voter": voter.pk, "e_subject": subjects["A01"].pk, "e_talk": talk.pk,
        "e_token": selectors.token_for(waiting),
    }  # fmt: skip


ROUND = "/evaluation/{e_round}"
ROWS = {
    "evaluation:rounds": page("/evaluation/", **STAFF_AND_ADMINS),
    "evaluation:round_new": page("/evaluation/new/", staff=200),
    "evaluation:round_detail": page(f"{ROUND}/", **STAFF_AND_ADMINS),
    "evaluation:round_close": page(f"{ROUND}/close/", method="POST", staff=302),
    "evaluation:evaluators": page(f"{ROUND}/evaluators/", staff=200),
    "evaluation:slips": page(f"{ROUND}/slips/", staff=200),
    "evaluation:round_edit": page(f"{ROUND}/edit/", staff=200),
    # An empty form comes back with its errors (200); ballots cast: the service refuses (302 back).
    "evaluation:round_deadline": page(f"{ROUND}/deadline/", method="POST", staff=200),
    "evaluation:subject_add": page(f"{ROUND}/subjects/add/", method="POST", staff=200),
    "evaluation:subject_remove": page("/evaluation/subjects/{e_subject}/remove/", method="POST", staff=302),
    "evaluation:reminders": page(f"{ROUND}/reminders/", staff=200),
    # Seven days before the deadline nobody is due a reminder: refused, back to the list (302).
    "evaluation:reminders_hand_out": page(f"{ROUND}/reminders/hand-out/", method="POST", staff=302),
    # An evaluator who voted: the service refuses, the page says so (302 back to the list).
    "evaluation:evaluator_remove": page("/evaluation/evaluators/{e_voter}/remove/", method="POST", staff=302),
    "evaluation:evaluator_renew": page("/evaluation/evaluators/{e_voter}/renew/", method="POST", staff=302),
    "evaluation:report": page("/evaluation/reports/{e_subject}/", **IN_A),
    "evaluation:report_file": page("/evaluation/reports/{e_subject}/file/", **IN_A),
    # Anyone logged in: the list of their own reports to file (empty for most).
    "evaluation:mine": page("/evaluation/mine/", others=200),
    "evaluation:talks": page("/evaluation/talks/", **STAFF_AND_ADMINS),
    "evaluation:talk_edit": page("/evaluation/talks/{e_talk}/", staff=200),
    # Not talked yet: closing is refused, the list says so (302).
    "evaluation:talk_close": page("/evaluation/talks/{e_talk}/close/", method="POST", staff=302),
    "evaluation:records_scores": page("/evaluation/records/scores/", **STAFF_AND_ADMINS),
    "evaluation:records_reports": page("/evaluation/records/reports/", **STAFF_AND_ADMINS),
    # The token is the permission: the same page for everyone, logged in or not.
    "evaluation:ballot": row("/evaluation/b/{e_token}/", anonymous=200, others=200),
    "api-v1:evaluation_rounds": api("/api/v1/evaluation/rounds", **STAFF_AND_ADMINS),
    "api-v1:evaluation_round": api("/api/v1/evaluation/rounds/{e_round}", **STAFF_AND_ADMINS),
}
