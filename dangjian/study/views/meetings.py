"""Organization life pages: the meeting list, recording a meeting with its attendance, a meeting, attachments."""

from __future__ import annotations

from typing import Any

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

from ..errors import OrgHoldsNoMeetings
from ..forms import KIND_CHOICES, MeetingForm, UploadForm
from ..models import Mark, Meeting, MeetingAttachment
from ..selectors import org_life as sel
from ..selectors.people import chair_choices, meeting_roster
from ..services import org_life as services
from .common import (
    MARK_ROWS,
    NAV,
    attach_errors,
    error_text,
    export_query,
    page_query,
    paginate,
    read_marks,
    require_manager,
    wants_xlsx,
    xlsx_download,
    year_param,
)


def _meeting_or_404(request: AuthedRequest, pk: int) -> Meeting:
    return scoping.get_visible_or_404(request, sel.meetings_for(request.user), pk=pk)


@login_required
def meeting_list(request: AuthedRequest) -> HttpResponse:
    require_manager(request, Meeting, "study:meetings")
    year = year_param(request.GET)
    code = (request.GET.get("org") or "").strip()
    org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code) if code else None
    kind = request.GET.get("kind") or ""
    meetings = sel.meeting_list(request.user, year=year, org=org, kind=kind)
    if wants_xlsx(request):
        rows = [
            (
                m.held_on,
                m.org.name,
                m.get_kind_display(),
                m.topic,
                m.chair.name if m.chair else "",
                m.marked,
                m.attended,
                "" if m.quorum_met is None else ("达到" if m.quorum_met else "未达到"),
            )
            for m in sel.with_counts(meetings)
        ]
        headers = ["日期", "组织", "类型", "主题", "主持人", "应到", "实到", "支委会法定人数"]
        return xlsx_download(request, title="组织生活会议", headers=headers, rows=rows, target=Meeting, org=org)
    page = paginate(request, meetings.values_list("pk", flat=True))
    return render(
        request,
        "study/meeting_list.html",
        {
            "nav": NAV,
            "page": page,
            "rows": sel.counted(list(page)),
            "year": year,
            "org": org,
            "kind": kind,
            "kinds": KIND_CHOICES,
            "query": page_query(request),
            "export": export_query(request),
        },
    )


@login_required
def meeting_new(request: AuthedRequest) -> HttpResponse:
    """Record a meeting: pick the organization, then the kind (which decides the roster), then mark everyone."""
    require_manager(request, Meeting, "study:meeting_new")
    code = (request.GET.get("org") or "").strip()
    if not code:
        q = (request.GET.get("q") or "").strip()[:50]
        orgs = sel.meeting_orgs(request.user, q)
        return render(request, "study/meeting_pick_org.html", {"nav": NAV, "page": paginate(request, orgs), "q": q})
    org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    try:
        plan = services.meeting_plan(org=org, kind=(data or request.GET).get("kind") or "", on=today)
    except OrgHoldsNoMeetings as e:
        messages.error(request, str(e))
        return redirect("study:meeting_new")
    form = MeetingForm(data, kinds=plan.kinds, chairs=chair_choices(org), initial={"kind": plan.kind, "held_on": today})
    error = ""
    if data is not None and form.is_valid():
        d = form.cleaned_data
        plan = services.meeting_plan(org=org, kind=d["kind"], on=d["held_on"])  # the committee of the day
        try:
            meeting = services.meeting_record(
                org=org,
                kind=d["kind"],
                held_on=d["held_on"],
                starts_at=d["starts_at"],
                topic=d["topic"],
                location=d["location"],
                chair=d["chair"],
                minutes=d["minutes"],
                marks=read_marks(data, [p.pk for p in plan.roster]),
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
            error = "；".join(e.message_dict.get("marks", [])) if hasattr(e, "error_dict") else ""
        else:
            _flash_recorded(request, meeting)
            return redirect("study:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "study/meeting_form.html",
        {
            "nav": NAV,
            "org": org,
            "form": form,
            "kind": plan.kind,
            "kinds": plan.kinds,
            "lines": _mark_lines(plan, data),
            "marks": Mark.choices,
            "error": error,
            "committee_size": plan.committee_size,
            "roster_size": len(plan.roster),
            "too_many": len(plan.roster) > MARK_ROWS,
            "quorum_needed": plan.quorum_needed,
        },
    )


def _flash_recorded(request: AuthedRequest, meeting: Meeting) -> None:
    if meeting.quorum_met is False:
        messages.warning(
            request,
            f"已登记，但到会支委 {meeting.committee_present}/{meeting.committee_size} 人，未超过半数，不计为已召开。",
        )
    else:
        messages.success(request, f"已登记{meeting.get_kind_display()}：{meeting.topic}。")


def _mark_lines(plan: services.MeetingPlan, data: Any) -> list[dict[str, Any]]:
    """One marking line a person of the roster (what was posted, else present). A roster too long
    for one form (a 机关党委's general meeting) has none: it is marked afterwards, page by page."""
    if len(plan.roster) > MARK_ROWS:
        return []
    return [
        {
            "p": p,
            "status": (data.get(f"mark_{p.pk}") if data else None) or Mark.PRESENT,
            "reason": (data.get(f"reason_{p.pk}") if data else "") or "",
            "committee": p.pk in plan.committee_ids,
        }
        for p in plan.roster
    ]


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    attendances = meeting.attendances.select_related("person__org").order_by("person__name_initials")
    if wants_xlsx(request):
        rows = [(a.person.name, a.person.org.name, a.get_status_display(), a.reason) for a in attendances]
        return xlsx_download(
            request,
            title=f"会议出勤_{meeting.held_on:%Y%m%d}",
            headers=["姓名", "所在组织", "出勤", "缺席原因"],
            rows=rows,
            target=Meeting,
            org=meeting.org,
        )
    return render(
        request,
        "study/meeting_detail.html",
        {
            "nav": NAV,
            "meeting": meeting,
            "attendances": attendances,
            "attachments": meeting.attachments.all(),
            "upload_form": UploadForm(),
            "export": export_query(request),
        },
    )


@login_required
def meeting_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change the attendance, MARK_ROWS people a page (a large organization's general meeting runs to hundreds)."""
    meeting = _meeting_or_404(request, pk)
    marked = {a.person_id: a for a in meeting.attendances.all()}
    roster = list(meeting_roster(meeting.org, meeting.kind, meeting.held_on).select_related("org"))
    ids = {p.pk for p in roster}
    roster += [a.person for a in meeting.attendances.select_related("person__org") if a.person_id not in ids]
    page = paginate(request, roster, MARK_ROWS)
    people = list(page.object_list)
    error = ""
    if request.method == "POST":
        marks = read_marks(request.POST, [p.pk for p in people])
        try:
            services.meeting_mark(meeting=meeting, marks=marks, by=request.user)
        except ValidationError as e:
            error = error_text(e)
        else:
            messages.success(request, f"已更新出勤（{len(marks)} 人）。")
            if page.has_next():
                return redirect(f"{request.path}?page={page.next_page_number()}")
            return redirect("study:meeting_detail", pk=meeting.pk)
    lines = [
        {
            "p": p,
            "status": marked[p.pk].status if p.pk in marked else "",
            "reason": marked[p.pk].reason if p.pk in marked else "",
        }
        for p in people
    ]
    return render(
        request,
        "study/meeting_attendance.html",
        {"nav": NAV, "meeting": meeting, "lines": lines, "marks": Mark.choices, "error": error, "page": page},
    )


@login_required
@require_POST
def attachment_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    try:
        attachment = services.attachment_add(meeting=meeting, uploaded=request.FILES.get("file"), by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, f"已上传附件：{attachment.name}。")
    return redirect("study:meeting_detail", pk=meeting.pk)


@login_required
def attachment_download(request: AuthedRequest, pk: int) -> HttpResponseBase:
    visible = MeetingAttachment.objects.filter(meeting__in=sel.meetings_for(request.user))
    attachment = scoping.get_visible_or_404(request, visible, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type or None,
    )
