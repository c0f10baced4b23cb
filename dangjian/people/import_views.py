"""Importing a roster from Excel on the web: upload → preview → confirm.

Committee staff and organization administrators, into their own subtree: the
import itself refuses rows naming organizations outside it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import excel, importing, scoping

from .importing import import_members_file, template_bytes
from .models import Member

KIND = "members"


def _allow(request: HttpRequest) -> None:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"page": "people:import"}, exists=True)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _allow(request)
    context = {"nav": "import"}
    if request.method == "POST":
        context.update(importing.check_upload(request, KIND, import_members_file))
    return render(request, "people/import.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _allow(request)
    try:
        result = importing.confirm_upload(request, KIND, import_members_file)
    except importing.StagingError as e:
        messages.error(request, str(e))
        return redirect("people:import")
    if not result.ok:
        return render(request, "people/import.html", {"nav": "import", "result": result})
    messages.success(request, f"人员名册导入完成：{result.summary()}。")
    return redirect("people:import")


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _allow(request)
    return excel.xlsx_response("人员名册导入模板.xlsx", template_bytes())
