"""The ledger of an organization's subtree for a year, a branch's sheet, showing its bases, the exports."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, excel, scoping
from dangjian.core.web import export_query, wants_xlsx, xlsx_download
from dangjian.core.web.exports import export_filename

from .. import permissions, selectors
from ..models import DuesBase, Payment
from .common import NAV, filter_orgs, org_and_year, require_keeper

MONTH_HEADERS = [f"{m}月" for m in range(1, 13)]
SHEET_HEADERS = [
    "序号",
    "姓名",
    "人员类别",
    "缴费基数（元/月）",
    "缴纳比例",
    "每月应缴（元）",
    *MONTH_HEADERS,
    "合计（元）",
]


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues")
    org, year = org_and_year(request)
    book = selectors.ledger(org, year)
    if wants_xlsx(request):
        rows: list[list[object]] = [
            [f"{m.month}月", m.expected, m.collected, m.outstanding, m.extra, "", ""] for m in book.months
        ]
        rows.append(["合计", book.expected, book.collected, book.outstanding, book.extra, book.remitted, book.members])
        rows.append([])
        rows.append(["组织", "应缴（元）", "实缴（元）", "未缴（元）", "自愿多交（元）", "已上缴（元）", "核定人数"])
        rows.extend(
            [ln.org.name + ("（本级）" if ln.own else ""), ln.expected, ln.collected, ln.outstanding, ln.extra,
             ln.remitted, ln.members]
            for ln in book.orgs
        )  # fmt: skip
        return xlsx_download(
            request, title=f"党费收缴台账_{org.name}_{year}", headers=["月份", "应缴（元）", "实缴（元）", "未缴（元）",
            "自愿多交（元）", "本级已上缴（元）", "核定人数"], rows=rows, target=Payment, org=org, personal=False,
        )  # fmt: skip
    return render(
        request,
        "dues/ledger.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "book": book,
            "orgs": filter_orgs(request),
            "export_query": export_query(request),
            "can_remit": permissions.can_keep(request.user, org),
        },
    )


def _sheet_context(request: AuthedRequest, org, year: int, *, revealed: bool):  # type: ignore[no-untyped-def]
    return {
        "nav": NAV,
        "org": org,
        "year": year,
        "sheet": selectors.sheet(org, year),
        "orgs": filter_orgs(request),
        "can_see_bases": permissions.can_see_bases(request.user, org),
        "revealed": revealed,
        "mask": permissions.MASK,
        "export_query": export_query(request),
        "children": list(
            scoping.in_subtree(selectors.dues_orgs(request.user), org, "").filter(depth=org.depth + 1).order_by("path")
        ),
    }


@login_required
@require_GET
def sheet(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_sheet")
    org, year = org_and_year(request)
    if wants_xlsx(request):
        return _sheet_export(request, org, year)
    return render(request, "dues/sheet.html", _sheet_context(request, org, year, revealed=False))


@login_required
@require_POST
def reveal(request: AuthedRequest) -> HttpResponse:
    """The sheet with its bases shown, for the organization's keeper and committee staff; audited."""
    require_keeper(request, "dues_reveal")
    org, year = org_and_year(request, request.POST)
    if not permissions.can_see_bases(request.user, org):
        raise scoping.deny(request, DuesBase, {"org": org.code, "action": "reveal"}, exists=True, org=org.pk)
    context = _sheet_context(request, org, year, revealed=True)
    audit.record(
        audit.Event.REVEAL,
        request=request,
        target=DuesBase,
        object_repr=f"{org.name} {year}年党费缴纳基数",
        org=org,
        data={"fields": ["dues_base"], "year": year, "rows": len(context["sheet"].lines)},
    )
    response = render(request, "dues/sheet.html", context)
    add_never_cache_headers(response)
    return response


def _sheet_export(request: AuthedRequest, org, year: int) -> HttpResponse:  # type: ignore[no-untyped-def]
    """A workbook with a sheet per organization of ORG's subtree that has bases for YEAR (the shape
    branches hand in): bases shown only where the exporter may see them; always audited."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    orgs = list(scoping.in_subtree(selectors.dues_orgs(request.user), org, "").order_by("path"))
    with_bases = set(
        DuesBase.objects.filter(year=year, org__in=[o.pk for o in orgs]).values_list("org_id", flat=True).distinct()
    )
    wb = Workbook()
    wb.remove(wb.active)
    titles: set[str] = set()
    rows_out = 0
    shown_any = False
    for o in (o for o in orgs if o.pk in with_bases):
        data = selectors.sheet(o, year)
        show = permissions.can_see_bases(request.user, o)
        shown_any = shown_any or show
        title = o.name[:28]
        while title in titles:
            title = title[:26] + f"{len(titles)}"
        titles.add(title)
        ws = wb.create_sheet(title[:31])
        ws.append([f"{o.name} {year}年党费收缴明细表"])
        ws.append(SHEET_HEADERS)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for i, line in enumerate(data.lines, start=1):
            b = line.base
            ws.append([excel.neutralize(v) for v in [
                i, line.member.name, b.get_category_display(), b.base if show else permissions.MASK, b.rate_label,
                b.monthly_dues, *[(p.amount if p else None) for p in line.cells], line.total,
            ]])  # fmt: skip
            rows_out += 1
        ws.append(["", "合计", "", "", "", sum((ln.base.monthly_dues for ln in data.lines), 0), *data.month_totals,
                   data.collected])  # fmt: skip
    if not wb.sheetnames:
        wb.create_sheet("党费收缴明细表").append(["本年度尚未核定缴费基数。"])
    audit.record(
        audit.Event.EXPORT,
        request=request,
        target=DuesBase,
        object_repr=f"党费收缴明细表_{org.name}_{year}",
        org=org,
        data={"what": "党费收缴明细表", "rows": rows_out, "bases": "shown" if shown_any else "masked",
              "query": request.GET.urlencode()},
    )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    response = excel.xlsx_response(export_filename(f"党费收缴明细表_{org.name}_{year}"), out.getvalue())
    add_never_cache_headers(response)
    return response
