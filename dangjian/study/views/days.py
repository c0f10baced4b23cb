"""A training day for those who run the class: its sign-in QR code (also full screen, for the
projector, with a live count), and the roster to mark by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from .. import qr
from ..models import Mark, TrainingDay
from ..selectors import training as sel
from ..services import signin
from .common import MARK_ROWS, NAV, error_text, paginate, read_marks


def _day_or_404(request: AuthedRequest, pk: int) -> TrainingDay:
    day = (
        TrainingDay.objects.filter(pk=pk, klass__in=sel.classes_for(request.user)).select_related("klass__org").first()
    )
    if day is None:
        hidden = TrainingDay.objects.filter(pk=pk).select_related("klass").first()
        raise scoping.deny(
            request, TrainingDay, {"pk": pk}, exists=hidden is not None, org=hidden.klass.org_id if hidden else None
        )
    return day


def _count_context(day: TrainingDay) -> dict:
    """The count so far and whether the code signs people in now ("before", "open", "after")."""
    opens, closes = signin.checkin_window(day)
    now = timezone.now()
    state = "before" if now < opens else "after" if now > closes else "open"
    return {
        "day": day,
        "count": sel.signin_count(day),
        "opens": timezone.localtime(opens),
        "closes": timezone.localtime(closes),
        "state": state,
    }


def _signin_context(request: AuthedRequest, day: TrainingDay) -> dict:
    """What the QR card and the full-screen view show: the code, its window, the count so far."""
    url = request.build_absolute_uri(reverse("study:checkin", args=[day.token]))
    return {**_count_context(day), "klass": day.klass, "checkin_url": url, "qr_svg": qr.svg(url)}


@login_required
def day_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One day: its sign-in QR code and the roster to mark by hand; ?display=1 shows the code full screen."""
    day = _day_or_404(request, pk)
    if request.GET.get("display") == "1":
        return render(request, "study/day_display.html", _signin_context(request, day))
    page = paginate(request, sel.day_roster(day), MARK_ROWS)
    lines = list(page.object_list)
    error = ""
    if request.method == "POST":
        marks = read_marks(request.POST, [line.enrolment.person_id for line in lines if line.applies])
        try:
            signin.day_mark(day=day, marks=marks, by=request.user)
        except ValidationError as e:
            error = error_text(e)
        else:
            messages.success(request, f"已登记 {day.day:%m月%d日} 出勤（{len(marks)} 人）。")
            return redirect(f"{request.path}?page={page.number}")
    return render(
        request,
        "study/day_detail.html",
        {
            **_signin_context(request, day),
            "nav": NAV,
            "lines": lines,
            "page": page,
            "marks": Mark.choices,
            "error": error,
            "today": timezone.localdate(),
        },
    )


@login_required
def day_count(request: AuthedRequest, pk: int) -> HttpResponse:
    """The live count under the QR code (htmx polls it every few seconds)."""
    day = _day_or_404(request, pk)
    return render(request, "study/_day_count.html", _count_context(day))
