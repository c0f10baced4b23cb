"""The committee's overview (every branch's pipeline, figures by quarter), a branch's pipeline by
stage with what is due and overdue, and the pipeline's Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import xlsx_download
from dangjian.orgs.models import OrgKind

from .. import permissions, selectors
from ..models import OPEN_STAGES, Case, Stage
from .common import NAV, branch_or_404, require_overseer


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, Case, "admission:overview")
    org, year = org_and_year_from(request, request.GET)
    if org is not None and org.kind == OrgKind.BRANCH:
        return redirect("admission:branch", code=org.code)
    today = timezone.localdate()
    lines = selectors.overview(org, today) if org else []
    stages = [(s, Stage(s).label) for s in OPEN_STAGES]
    totals = {s: sum(line.counts.get(s, 0) for line in lines) for s in OPEN_STAGES}
    return render(
        request,
        "admission/overview.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "stages": stages,
            "lines": lines,
            "rows": [(line, [line.counts.get(s, 0) for s in OPEN_STAGES]) for line in lines],
            "totals": [totals[s] for s in OPEN_STAGES],
            "overdue_total": sum(line.overdue for line in lines),
            "quarters": selectors.quarters(org, year) if org else [],
        },
    )


@login_required
def branch(request: AuthedRequest, code: str) -> HttpResponse:
    org = branch_or_404(request, code)
    today = timezone.localdate()
    groups = selectors.pipeline(org, today)
    return render(
        request,
        "admission/branch.html",
        {
            "nav": NAV,
            "org": org,
            "today": today,
            "groups": groups,
            "overdue": sum(g.overdue for g in groups),
            "can_keep": permissions.keeps_cases_of(request.user, org),
        },
    )


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    """The pipeline of ?org= (a branch or a whole subtree) as the 发展党员工作台账 a branch hands in."""
    require_overseer(request, Case, "admission:export")
    org, year = org_and_year_from(request, request.GET)
    today = timezone.localdate()
    rows = []
    for group in selectors.pipeline(org, today) if org else []:
        for r in group.rows:
            c = r.case
            rows.append(
                (
                    c.org.name, c.name, c.get_gender_display(),
                    c.birth_date, c.get_stage_display(), c.applied_on, c.activist_on, c.candidate_on, c.voted_on,
                    c.admitted_on, c.probation_ends_on, c.full_on,
                    "；".join(d.text for d in r.dues), "；".join(d.text for d in r.overdue),
                )
            )  # fmt: skip
    return xlsx_download(
        request, title=f"发展党员工作台账_{org.name if org else ''}_{today:%Y%m%d}", target=Case, org=org, rows=rows,
        headers=[
            "党支部", "姓名", "性别", "出生日期", "阶段", "递交申请书", "确定积极分子", "列为发展对象", "支部大会通过",
            "批准预备党员", "预备期满", "转为正式党员", "待办", "已逾期",
        ],
    )  # fmt: skip
