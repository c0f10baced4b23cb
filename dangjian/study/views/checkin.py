"""Signing in by QR code: the page a phone opens from the day's code (the member must be logged in).

Opening the address signs the member in at once: the code on the screen is the
action, and it can only ever mark the person who opens it, once (a second visit
keeps the first time). Anyone not logged in is sent to log in and comes back here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from ..models import TrainingDay
from ..services import signin
from .common import NAV, error_text


@login_required
def checkin(request: AuthedRequest, token: str) -> HttpResponse:
    day = TrainingDay.objects.filter(token=token).select_related("klass__org").first()
    person = request.user.person if getattr(request.user, "person_id", None) else None
    if day is None or person is None:
        raise scoping.deny(request, TrainingDay, {"token": token[:8]}, exists=day is not None)
    enrolment = day.klass.enrolments.filter(person=person).first()
    problem, done = signin.checkin_problem(day, enrolment, timezone.now()), None
    if not problem:
        try:
            done = signin.checkin(day=day, person=person, by=request.user)
        except ValidationError as e:
            problem = error_text(e)
    return render(
        request,
        "study/checkin.html",
        {"nav": NAV, "day": day, "klass": day.klass, "person": person, "done": done, "problem": problem},
    )
