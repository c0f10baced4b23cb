"""The member's side of training: classes open for sign-up, and those they are on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest

from ..models import Enrolment
from ..selectors import training as sel
from ..services import training as services
from .common import NAV, export_query, wants_xlsx, xlsx_download
from .training import person_or_404


@login_required
def open_list(request: AuthedRequest) -> HttpResponse:
    """Classes a member may sign up for, and those they are on."""
    person = person_or_404(request, "study:open_classes")
    today = timezone.localdate()
    mine = (
        Enrolment.objects.filter(person=person, withdrawn_at__isnull=True, klass__ends_on__gte=today)
        .select_related("klass__org")
        .order_by("klass__starts_on")
    )
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title="我报名的培训班",
            headers=["培训班", "举办组织", "开始日期", "结束日期", "培训对象", "培训方式"],
            rows=[
                (
                    e.klass.title,
                    e.klass.org.name,
                    e.klass.starts_on,
                    e.klass.ends_on,
                    e.klass.get_audience_display(),
                    e.klass.get_venue_kind_display(),
                )
                for e in mine
            ],
            target=Enrolment,
        )
    taken = set(mine.values_list("klass_id", flat=True))
    offers = []
    for klass in sel.open_classes(person, today).order_by("starts_on"):
        if klass.pk not in taken:
            offers.append({"klass": klass, "problem": services.signup_problem(klass, person, today)})
    return render(
        request,
        "study/open_classes.html",
        {"nav": NAV, "mine": mine, "offers": offers, "person": person, "export": export_query(request)},
    )
