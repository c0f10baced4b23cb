"""Importing a branch's dues bases for a year: upload → preview → confirm (core.importing's staging)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import excel, importing

from ..services.importing import import_bases_file, template_bytes
from .common import NAV, org_and_year, require_keeper


def _kind(org_pk: int, year: int) -> str:
    return f"dues-bases-{org_pk}-{year}"


def _context(org, year: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    query = f"?org={org.code}&year={year}"
    return {
        "nav": NAV,
        "org": org,
        "year": year,
        "back_url": reverse("dues:sheet") + query,
        "action_url": reverse("dues:import") + query,
        "confirm_url": reverse("dues:import_confirm") + query,
        "template_url": reverse("dues:import_template"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_import")
    org, year = org_and_year(request)
    context = _context(org, year)
    if request.method == "POST":
        importer = partial(import_bases_file, org=org, year=year)
        context.update(importing.check_upload(request, _kind(org.pk, year), importer))
    return render(request, "dues/import.html", context)


@login_required
@require_POST
def import_confirm(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_import")
    org, year = org_and_year(request)
    importer = partial(import_bases_file, org=org, year=year)
    try:
        result = importing.confirm_upload(request, _kind(org.pk, year), importer)
    except importing.StagingError as e:
        messages.error(request, str(e))
        return redirect(reverse("dues:import") + f"?org={org.code}&year={year}")
    if not result.ok:
        return render(request, "dues/import.html", {**_context(org, year), "result": result})
    messages.success(request, f"缴费基数导入完成：{result.summary()}。")
    return redirect(reverse("dues:sheet") + f"?org={org.code}&year={year}")


@login_required
@require_GET
def import_template(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_import_template")
    return excel.xlsx_response("党费缴纳基数导入模板.xlsx", template_bytes())
