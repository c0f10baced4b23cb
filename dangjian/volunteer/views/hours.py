"""Attendance and hours: the QR check-in page, the organizer's marks, adjustments and confirmation,
the participant list's export, and the committee's correction of a locked record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import flash_errors, xlsx_download

from .. import permissions, selectors, services
from ..forms import AttendanceForm, HoursForm
from ..models import Activity, ServiceRecord
from ..services.hours import checkin_window
from .common import (
    NAV,
    local,
    organized_activity_or_404,
    participation_of_activity_or_404,
)


def _back(activity: Activity) -> HttpResponse:
    return redirect(reverse("volunteer:activity_detail", args=[activity.pk]) + "#participants")


@login_required
@require_POST
def attendance_mark(request: AuthedRequest, pk: int, participation_pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    participation = participation_of_activity_or_404(request, activity, participation_pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "签到签退时间格式不正确。")
        return _back(activity)
    try:
        services.attendance_mark(
            participation=participation,
            checked_in_at=form.cleaned_data["checked_in_at"],
            checked_out_at=form.cleaned_data["checked_out_at"],
            by=request.user,
        )
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已登记{participation.volunteer.member.name}的签到签退。")
    return _back(activity)


@login_required
@require_POST
def hours_adjust(request: AuthedRequest, pk: int, participation_pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    participation = participation_of_activity_or_404(request, activity, participation_pk)
    form = HoursForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写服务时长（0 以上的数字）和调整原因。")
        return _back(activity)
    try:
        services.hours_adjust(
            participation=participation,
            hours=form.cleaned_data["hours"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已调整{participation.volunteer.member.name}的服务时长，原因已记录。")
    return _back(activity)


@login_required
@require_POST
def hours_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    try:
        records = services.hours_confirm(activity=activity, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"服务时长已确认，{len(records)} 名志愿者的记录已写入，此后不能再修改。")
    return _back(activity)


PARTICIPANT_HEADERS = [
    "报名顺序", "姓名", "志愿者编号", "所在组织", "分队", "状态", "候补位次",
    "报名时间", "签到时间", "签退时间", "服务时长（小时）",
]  # fmt: skip


@login_required
@require_GET
def participants_export(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    confirmed, waiting, _ = selectors.participants(activity)
    cancelled = activity.participations.filter(status="cancelled").select_related("volunteer__member__org", "team")
    rows = []
    for row in [*confirmed, *waiting, *(selectors.ParticipantRow(p, None) for p in cancelled)]:
        p = row.participation
        rows.append(
            (
                p.seq,
                p.volunteer.member.name,
                p.volunteer.number,
                p.volunteer.member.org.name,
                p.team.name if p.team else "",
                p.get_status_display(),
                row.position,
                local(p.signed_up_at),
                local(p.checked_in_at),
                local(p.checked_out_at),
                p.hours,
            )
        )
    return xlsx_download(
        request, title=f"报名名单_{activity.title}", headers=PARTICIPANT_HEADERS, rows=rows, target=activity,
        org=activity.org_id,
    )  # fmt: skip


# ---------------------------------------------------------------- the QR check-in page


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, token: str) -> HttpResponse:
    """What the member's phone opens from the QR code: their state, and one button (sign in, then out)."""
    activity = scoping.get_visible_or_404(
        request, selectors.visible_activities(request.user).select_related("brigade"), checkin_token=token
    )
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Activity, {"checkin_token": token}, exists=True, org=activity.org_id)
    if request.method == "POST":
        try:
            participation = services.check_in_or_out(activity=activity, member=member)
        except ValidationError as e:
            flash_errors(request, e)
        else:
            if participation.checked_out_at:
                messages.success(request, f"签退成功，本次服务时长 {participation.hours} 小时（待负责人确认）。")
            else:
                messages.success(request, "签到成功，活动结束时请再次扫码签退。")
        return redirect("volunteer:checkin", token=token)
    mine = selectors.participation_of(activity, member)
    opens, closes = checkin_window(activity)
    return render(
        request,
        "volunteer/checkin.html",
        {
            "nav": NAV,
            "activity": activity,
            "mine": mine,
            "window_open": opens <= timezone.now() <= closes,
            "opens": opens,
            "closes": closes,
        },
    )


# ---------------------------------------------------------------- committee corrections


@login_required
@require_POST
def record_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    record = scoping.get_visible_or_404(request, selectors.visible_records(request.user).select_related("org"), pk=pk)
    if not permissions.can_correct_record(request.user, record):
        raise scoping.deny(request, ServiceRecord, {"pk": pk, "action": "correct"}, exists=True, org=record.org_id)
    form = HoursForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写更正后的时长和更正原因。")
    else:
        try:
            services.record_correct(
                record=record, hours=form.cleaned_data["hours"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, "记录已更正，原时长和更正原因已保存。")
    return redirect("volunteer:volunteer_detail", pk=record.volunteer_id)
