"""The landing page of the module (工作台): what waits for me."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest

from .. import permissions, selectors
from ..models import Article, ReportStatus, Status
from .common import NAV


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    permissions.require_page(request, "home", Article)
    user = request.user
    mine = selectors.articles_for(user=user).filter(editor=user)
    reviewer = bool(permissions.paths(user, permissions.REVIEWERS))
    committee = bool(permissions.paths(user, permissions.COMMITTEE))
    year = timezone.localdate().year
    reports = selectors.info_reports_for(user=user)
    context = {
        "nav": NAV,
        "tab": "home",
        "is_reviewer": reviewer,
        "is_committee": committee,
        "can_report": bool(permissions.paths(user, permissions.WRITERS)),
        "my_drafts": mine.filter(status__in=(Status.DRAFT, Status.RETURNED))[:8],
        "queue": selectors.review_queue(user=user).select_related("org", "editor")[:8] if reviewer else [],
        "queue_count": selectors.review_queue(user=user).count() if reviewer else 0,
        "gate": selectors.gate_queue(user=user)[:8],
        "gate_count": selectors.gate_queue(user=user).count(),
        "latest": selectors.articles_for(user=user).filter(status=Status.PUBLISHED).order_by("-published_at")[:8],
        "reports_waiting": reports.filter(status=ReportStatus.SUBMITTED).count(),
        "reports_sent": reports.filter(status__in=selectors.SENT_STATES, sent_at__year=year).count(),
        "reports_adopted": reports.filter(status=ReportStatus.ADOPTED, adopted_on__year=year).count(),
        "year": year,
    }
    return render(request, "publicity/home.html", context)
