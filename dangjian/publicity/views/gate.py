"""The content-security page: what the gate stopped, what the re-check found, and a check tool."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dangjian.core.web import paginate

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..forms import GateCheckForm
from ..models import Article
from ..services import gate
from .common import NAV


@login_required
@require_http_methods(["GET", "POST"])
def gate_page(request: HttpRequest) -> HttpResponse:
    """GET lists the stopped articles; POST checks a pasted text without saving anything."""
    permissions.require_page(request, "gate", Article)
    form = GateCheckForm(request.POST if request.method == "POST" else None)
    result = None
    if form.is_bound and form.is_valid():
        result = gate.contentsec.scan(form.cleaned_data["content"], opts=gate.options())
    rules = gate.options().rules
    return render(
        request,
        "publicity/gate.html",
        {
            "nav": NAV,
            "tab": "gate",
            "page": paginate(
                request, selectors.gate_queue(user=request.user), PublicitySettings.current().list_page_size
            ),
            "form": form,
            "result": result,
            "rule_counts": rules.counts,
            "categories": rules.categories,
            "allowed_count": len(rules.allowed_domains),
        },
    )
