"""The dashboard page and the Excel download of each chart's data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.db_router import reading_from_replica
from dangjian.core.web import xlsx_download
from dangjian.orgs.models import Organization

from .. import permissions, selectors
from ..conf import DashboardSettings
from .common import NAV, require_viewer, subtree_and_year

CHARTS = {"trend": "近五年趋势", "compare": "下级组织对比", "behind": "落后组织"}


def _labelled(orgs: list[Organization]) -> list[dict[str, str]]:
    """The selector's options, indented by depth below the highest."""
    top = min((o.depth for o in orgs), default=1)
    return [{"code": o.code, "label": "\u3000" * (o.depth - top) + o.name} for o in orgs]


@login_required
@require_GET
@reading_from_replica()
def board(request: AuthedRequest) -> HttpResponse:
    require_viewer(request, "dashboard")
    org, year = subtree_and_year(request)
    this_year = timezone.localdate().year
    context: dict[str, Any] = {
        "nav": NAV,
        "org": org,
        "year": year,
        "years": range(this_year, this_year - 10, -1),
        "org_choices": _labelled(selectors.org_choices(request.user, org)),
        "manages_screens": permissions.manages_screens(request.user),
    }
    if org is not None:
        context["data"] = selectors.board(org, year)
        context["breadcrumb"] = selectors.breadcrumb(request.user, org)
        context["trend_span"] = DashboardSettings.current().trend_years
    return render(request, "dashboard/board.html", context)


@login_required
@require_GET
@reading_from_replica()
def export(request: AuthedRequest) -> HttpResponse:
    """?chart=trend|compare|behind&line=KEY: the figures behind one chart (or table) as .xlsx."""
    require_viewer(request, "dashboard_export")
    org, year = subtree_and_year(request)
    chart = request.GET.get("chart", "")
    if org is None or chart not in CHARTS:
        raise Http404("未找到该图表。")
    data = selectors.board(org, year)
    if chart == "behind":
        behind = data["behind"]
        headers = ["组织编码", "组织名称", *(f"{c['label']}（{c['unit']}）" for c in behind["columns"])]
        rows = [[r["code"], r["name"], *(cell["value"] for cell in r["cells"])] for r in behind["rows"]]
        notes = [f"截至 {behind['as_of']}，" + "、".join(c["rule"] for c in behind["columns"]) + "之一的，即为落后。"]
        title = f"落后组织_{org.name}_{behind['as_of']}"
    else:
        line = next((x for x in data["lines"] if x["key"] == request.GET.get("line")), None)
        if line is None:
            raise Http404("未找到该图表。")
        if chart == "trend":
            headers = ["指标", "单位", *(f"{y}年" for y in data["years"])]
            rows = [[m["label"], m["unit"], *m["trend"]] for m in line["metrics"]]
            title = f"{line['label']}_趋势_{org.name}_{data['years'][0]}-{year}"
        else:
            headers = ["组织编码", "组织名称", *(f"{m['label']}（{m['unit']}）" for m in line["metrics"])]
            rows = [
                [c["code"], c["name"], *(m["compare"][i] for m in line["metrics"])]
                for i, c in enumerate(data["children"])
            ]
            title = f"{line['label']}_下级对比_{org.name}_{year}"
        notes = [f"{org.name}（含下级组织），{CHARTS[chart]}，数据截至 {data['as_of']}。"]
    return xlsx_download(
        request, title=title, headers=headers, rows=rows, target=Organization, org=org, personal=False, notes=notes
    )
