"""Mobile lectures (流动讲堂): the list (records of lectures.mobile), scheduling, a lecture with its
materials and attendees, confirming it held, and the person-times (records of lectures.mobile_attendance)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..forms import AttendanceForm, LectureForm, MaterialForm
from ..models import LectureAttendance, LectureMaterial, LectureStatus, MobileLecture
from .common import NAV_LECTURES, list_context, require_runner, require_runs_for, scope_and_year


def lecture_or_404(request: AuthedRequest, pk: int) -> MobileLecture:
    return scoping.get_visible_or_404(request, selectors.visible_lectures(request.user).select_related("org"), pk=pk)


@login_required
def lectures(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, MobileLecture, "liaison:lectures")
    held = selectors.lectures_in(org, year) if org else MobileLecture.objects.none()
    items = selectors.with_attendance(held.select_related("org")).order_by("-held_on", "-id")
    upcoming = (
        selectors.with_attendance(
            scoping.in_subtree(MobileLecture.objects.filter(status=LectureStatus.SCHEDULED), org).select_related("org")
        ).order_by("held_on", "id")
        if org
        else MobileLecture.objects.none()
    )
    if wants_xlsx(request):
        rows = [
            (lec.held_on, lec.topic, lec.lecturer, lec.org.name, lec.place, lec.attended)  # type: ignore[attr-defined]
            for lec in items
        ]
        return xlsx_download(
            request, title=f"流动讲堂_{year}", target=MobileLecture, org=org, rows=rows, personal=False,
            headers=["日期", "讲堂主题", "主讲人", "走进组织", "地点", "听讲人次"],
        )  # fmt: skip
    return render(
        request,
        "liaison/lectures.html",
        {"nav": NAV_LECTURES, "org": org, "year": year, "upcoming": upcoming, **list_context(request, items)},
    )


@login_required
def lecture_new(request: AuthedRequest) -> HttpResponse:
    require_runner(request, MobileLecture, "liaison:lecture_new")
    form = LectureForm(request.POST or None, orgs=selectors.visitable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            lecture = services.lecture_create(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已安排流动讲堂：{lecture}。")
            return redirect("liaison:lecture_detail", pk=lecture.pk)
    return render(request, "liaison/lecture_form.html", {"nav": NAV_LECTURES, "form": form, "title": "安排流动讲堂"})


@login_required
def lecture_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    lecture = lecture_or_404(request, pk)
    attendees = lecture.attendances.select_related("member__org").order_by("member__org__path", "member__name_initials")
    return render(
        request,
        "liaison/lecture_detail.html",
        {
            "nav": NAV_LECTURES,
            "lecture": lecture,
            "attendees": attendees,
            "materials": lecture.materials.all(),
            "request_": getattr(lecture, "request", None),
            "can_run": permissions.runs_for(request.user, lecture.org),
            "day_has_come": lecture.held_on <= timezone.localdate(),
            "material_form": MaterialForm(),
        },
    )


@login_required
@require_POST
def lecture_held(request: AuthedRequest, pk: int) -> HttpResponse:
    lecture = lecture_or_404(request, pk)
    require_runs_for(request, lecture, "mark_held")
    try:
        services.lecture_mark_held(lecture=lecture, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已确认讲堂举办，请登记听讲人员。")
    return redirect("liaison:lecture_detail", pk=lecture.pk)


@login_required
def lecture_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    lecture = lecture_or_404(request, pk)
    require_runs_for(request, lecture, "attendance")
    current = list(lecture.attendances.values_list("member_id", flat=True))
    form = AttendanceForm(request.POST or None, roster=selectors.roster_of(lecture.org), initial={"members": current})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.attendance_set(lecture=lecture, members=form.cleaned_data["members"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记听讲人员 {len(saved)} 人。")
            return redirect("liaison:lecture_detail", pk=lecture.pk)
    return render(request, "liaison/attendance_form.html", {"nav": NAV_LECTURES, "form": form, "lecture": lecture})


@login_required
@require_POST
def material_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    lecture = lecture_or_404(request, pk)
    require_runs_for(request, lecture, "upload")
    try:
        material = services.material_add(lecture=lecture, upload=request.FILES.get("file"), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已上传讲堂材料：{material.name}。")
    return redirect("liaison:lecture_detail", pk=lecture.pk)


@login_required
def material_download(request: AuthedRequest, pk: int) -> HttpResponseBase:
    qs = scoping.scoped_by_org(request.user, LectureMaterial.objects.select_related("lecture"), "lecture__org")
    material = scoping.get_visible_or_404(request, qs, pk=pk)
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.name, content_type=material.content_type or None
    )


@login_required
def attendances(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, LectureAttendance, "liaison:attendances")
    items = (
        selectors.attendances_in(org, year)
        .select_related("lecture__org", "member__org")
        .order_by("-lecture__held_on", "lecture_id", "member__name_initials", "id")
        if org
        else LectureAttendance.objects.none()
    )
    if wants_xlsx(request):
        rows = [
            (a.lecture.held_on, a.lecture.topic, a.lecture.org.name, a.member.name, a.member.org.name) for a in items
        ]
        return xlsx_download(
            request, title=f"流动讲堂听讲人次_{year}", target=LectureAttendance, org=org, rows=rows,
            headers=["日期", "讲堂主题", "走进组织", "姓名", "所在组织"],
        )  # fmt: skip
    return render(
        request,
        "liaison/attendances.html",
        {"nav": NAV_LECTURES, "org": org, "year": year, **list_context(request, items)},
    )
