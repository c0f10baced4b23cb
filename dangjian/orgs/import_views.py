"""Importing organizations from Excel on the web: upload → preview → confirm. Committee staff only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import excel, importing, scoping

from .importing import import_orgs_file, template_bytes
from .models import Organization

KIND = "orgs"


def _allow(request: HttpRequest) -> None:
    if not scoping.is_committee_staff(request.user):
        raise scoping.deny(request, Organization, {"page": "orgs:import"}, exists=True)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _allow(request)
    context = {"nav": "import"}
    if request.method == "POST":
        context.update(importing.check_upload(request, KIND, import_orgs_file))
    return render(request, "orgs/import.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _allow(request)
    try:
        result = importing.confirm_upload(request, KIND, import_orgs_file)
    except importing.StagingError as e:
        messages.error(request, str(e))
        return redirect("orgs:import")
    if not result.ok:
        return render(request, "orgs/import.html", {"nav": "import", "result": result})
    messages.success(request, f"党组织导入完成：{result.summary()}。")
    return redirect("orgs:import")


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _allow(request)
    return excel.xlsx_response("党组织导入模板.xlsx", template_bytes())
