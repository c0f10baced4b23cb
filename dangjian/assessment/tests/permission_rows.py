"""Every assessment route as each named user sees it (see dangjian.core.permission_matrix).

prepare() builds the 2026 scheme (published, results computed and in public
notice, A01 self-evaluated with one evidence file and an objection filed) and a
2025 draft. Committee staff (the scheme's assessor) run everything; A's
administrator reads A's records, self-evaluates and objects; B's administrator
sees the lists but nothing of A; members and outsiders get a recorded 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from dangjian.assessment import services
from dangjian.assessment.models import ComputeJob, Scheme
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page

from .helpers import EXAMPLE, build_scheme, figures, indicator, media, pdf, self_indicator

STAFF_POST = {"staff": 302}


def prepare(case: Any) -> dict[str, object]:
    media(case)
    w = case.w
    scheme = build_scheme(w)
    draft = build_scheme(w, publish=False, year=2025)
    mark = services.mark_self(scheme=scheme, indicator=self_indicator(scheme), org=w.branch_a1, points=Decimal(7),
                              files=[pdf()], by=w.admin_a)  # fmt: skip
    with figures(EXAMPLE):
        rs = services.results_compute(scheme=scheme, by=w.staff)
    services.results_start_notice(result_set=rs, by=w.staff, today=timezone.localdate())
    result = rs.results.get(org=w.branch_a1)
    objection = services.objection_file(result=result, text="少计", by=w.admin_a)

    def drop_versions() -> None:
        Scheme.objects.filter(year=scheme.year, version__gt=1).delete()

    case.before_each["assessment:scheme_revise"] = drop_versions
    return {
        "s": scheme.pk,
        "d": draft.pk,
        "cat": draft.categories.get(name="组织生活").pk,
        "pcat": scheme.categories.get(name="组织生活").pk,
        "di": indicator(draft, "重点任务").pk,
        "pi": indicator(scheme, "重点任务").pk,
        "si": self_indicator(scheme).pk,
        "ev": mark.evidence.get().pk,
        "m": mark.pk,
        "job": ComputeJob.objects.create(scheme=scheme, user=w.staff, status="done").pk,
        "r": result.pk,
        "o": objection.pk,
        "year": scheme.year,
    }


ROWS = {
    "assessment:home": page("/assessment/", **STAFF_AND_ADMINS),
    "assessment:mine": page("/assessment/mine/", **STAFF_AND_ADMINS),
    "assessment:scheme_new": page("/assessment/new/", staff=200),
    "assessment:scheme_detail": page("/assessment/{s}/", **STAFF_AND_ADMINS),
    "assessment:scheme_edit": page("/assessment/{d}/edit/", staff=200),
    "assessment:category_new": page("/assessment/{d}/categories/new/", method="POST", **STAFF_POST),
    "assessment:scheme_publish": page("/assessment/{s}/publish/", method="POST", **STAFF_POST),
    "assessment:scheme_revise": page("/assessment/{s}/revise/", method="POST", **STAFF_POST),
    "assessment:category_delete": page("/assessment/categories/{pcat}/delete/", method="POST", **STAFF_POST),
    "assessment:indicator_new": page("/assessment/categories/{cat}/indicators/new/", staff=200),
    "assessment:indicator_edit": page("/assessment/indicators/{di}/edit/", staff=200),
    "assessment:indicator_delete": page("/assessment/indicators/{pi}/delete/", method="POST", **STAFF_POST),
    "assessment:score_indicator": page("/assessment/indicators/{pi}/score/", staff=200),
    "assessment:self_mark": page("/assessment/indicators/{si}/self/A01/", method="POST", admin_a=302),
    "assessment:org_page": page("/assessment/{s}/orgs/A01/", **IN_A),
    # The review of A01's self-evaluation: staff (a form error: 302 back with the message); others 404.
    "assessment:review_mark": page("/assessment/marks/{m}/review/", method="POST", **STAFF_POST),
    "assessment:reviews": page("/assessment/{s}/reviews/", staff=200),
    "assessment:evidence": page("/assessment/evidence/{ev}/", **IN_A),
    "assessment:results": page("/assessment/{s}/results/", **STAFF_AND_ADMINS),
    "assessment:compute": page("/assessment/{s}/results/compute/", method="POST", **STAFF_POST),
    "assessment:compute_job": page("/assessment/jobs/{job}/", staff=302),
    "assessment:start_notice": page("/assessment/{s}/results/notice/", method="POST", **STAFF_POST),
    "assessment:finalize": page("/assessment/{s}/results/finalize/", method="POST", **STAFF_POST),
    "assessment:result_detail": page("/assessment/results/{r}/", **IN_A),
    "assessment:objection_new": page("/assessment/results/{r}/objections/new/", method="POST", staff=302, admin_a=302),
    "assessment:objection_answer": page("/assessment/objections/{o}/answer/", method="POST", **STAFF_POST),
    "assessment:records_rated": page("/assessment/records/rated/?year={year}", **STAFF_AND_ADMINS),
    "api-v1:assessment_results": api("/api/v1/assessment/results?year={year}", **STAFF_AND_ADMINS),
}
