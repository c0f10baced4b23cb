"""The records behind the figures (?org=CODE&year=YYYY): the bases behind dues.expected, the payments
behind dues.collected, with the figure's total. Bases are masked as on the sheets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import permissions, selectors
from ..models import DuesBase, Payment
from ..selectors.ledger import cents
from .common import NAV, org_and_year, require_keeper


@login_required
@require_GET
def records_expected(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "records_expected")
    org, year = org_and_year(request)
    bases = selectors.bases_in(org, year).select_related("member", "org").order_by("org__path", "member__name_initials")
    total = cents(bases.aggregate(s=Sum("monthly_dues"))["s"]) * 12
    if wants_xlsx(request):
        return xlsx_download(
            request, title=f"应缴党费_{org.name}_{year}",
            headers=["党组织", "姓名", "人员类别", "每月应缴（元）", "全年应缴（元）"],
            rows=[(b.org.name, b.member.name, b.get_category_display(), b.monthly_dues, b.monthly_dues * 12)
                  for b in bases],
            target=DuesBase, org=org, personal=True,
        )  # fmt: skip
    return render(
        request,
        "dues/records_expected.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, bases), "total": total,
         "count": bases.count(), "query": page_query(request), "export_query": export_query(request),
         "mask": permissions.MASK},
    )  # fmt: skip


@login_required
@require_GET
def records_collected(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "records_collected")
    org, year = org_and_year(request)
    payments = selectors.payments_in(org, year).select_related("member", "org").order_by("org__path", "month", "id")
    # The total and the count from the monthly totals kept with the payments (not a scan of the year's
    # hundred thousand payments, twice); the page itself reads one page of rows.
    kept = selectors.totals_in(org, year).aggregate(s=Sum("collected"), n=Sum("payments"))
    total, count = cents(kept["s"]), kept["n"] or 0
    if wants_xlsx(request):
        return xlsx_download(
            request, title=f"实缴党费_{org.name}_{year}",
            headers=["党组织", "姓名", "月份", "金额（元）", "缴纳方式", "缴纳日期"],
            rows=[(p.org.name, p.member.name, f"{p.month}月", p.amount, p.get_method_display(), p.paid_on)
                  for p in payments],
            target=Payment, org=org, personal=True,
        )  # fmt: skip
    return render(
        request,
        "dues/records_collected.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, payments, count=count), "total": total,
         "count": count, "query": page_query(request), "export_query": export_query(request)},
    )  # fmt: skip
