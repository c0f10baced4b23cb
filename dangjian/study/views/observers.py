"""Observers (列席): arranging them, their task list and write-ups, and the staff's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.accounts.models import Role, User
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from .. import workdays
from ..conf import StudySettings
from ..forms import ObserverForm, WriteupForm
from ..models import Observer, SessionStatus
from ..selectors import central_group as cg
from ..services import central_group as services
from .common import (
    NAV,
    attach_errors,
    export_query,
    page_query,
    paginate,
    require_manager,
    require_manages,
    wants_xlsx,
    xlsx_download,
)


def _staff_accounts(session_org: Organization) -> QuerySet[User]:
    """Committee staff whose role reaches the session's organization."""
    return (
        User.objects.filter(
            roles__role=Role.COMMITTEE_STAFF, roles__org__path__in=tree.ancestor_paths(session_org.path), is_active=True
        )
        .distinct()
        .order_by("display_name", "username")
    )


@login_required
def observers_add(request: AuthedRequest, pk: int) -> HttpResponse:
    session, _ = cg.session_visible_or_404(request, pk)
    require_manages(request, session, session.org)
    form = ObserverForm(request.POST or None, users=_staff_accounts(session.org))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.observers_add(session=session, users=list(form.cleaned_data["users"]), by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            required = StudySettings.current().observer_notice_working_days
            lead = created[0].notice_working_days
            if lead < required:
                messages.warning(
                    request,
                    f"已通知列席人员，但距学习日期仅 {lead} 个工作日，"
                    f"少于规定的 {required} 个工作日，已标记为“通知不足”。",
                )
            else:
                messages.success(request, f"已通知 {len(created)} 名列席人员（提前 {lead} 个工作日）。")
            return redirect("study:session_detail", pk=session.pk)
    today = timezone.localdate()
    required = StudySettings.current().observer_notice_working_days
    return render(
        request,
        "study/observers_form.html",
        {
            "nav": NAV,
            "session": session,
            "form": form,
            "required": required,
            "deadline": workdays.notice_deadline(session.held_on, required),
            "lead_today": workdays.working_days_between(today, session.held_on),
            "today": today,
            "observers": session.observers.select_related("user"),
        },
    )


@login_required
def my_tasks(request: AuthedRequest) -> HttpResponse:
    """我的列席任务: sessions to sit in on, and write-ups to file (overdue ones first)."""
    today = timezone.localdate()
    tasks = list(cg.observer_tasks_of(request.user).order_by("-session__held_on"))
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title="我的列席任务",
            headers=["学习日期", "中心组", "学习主题", "提前通知工作日", "列席报告截止", "列席报告提交"],
            rows=[
                (
                    t.session.held_on,
                    t.session.group.name,
                    t.session.topic,
                    t.notice_working_days,
                    t.writeup_due_on,
                    timezone.localtime(t.writeup_submitted_at).date() if t.writeup_submitted_at else "未提交",
                )
                for t in tasks
            ],
            target=Observer,
        )
    upcoming = [t for t in tasks if t.session.status == SessionStatus.PLANNED]
    pending = [t for t in tasks if t.session.status == SessionStatus.HELD and t.writeup_submitted_at is None]
    pending.sort(key=lambda t: t.writeup_due_on)
    done = [t for t in tasks if t.writeup_submitted_at is not None]
    return render(
        request,
        "study/observer_tasks.html",
        {
            "nav": NAV,
            "upcoming": upcoming,
            "pending": pending,
            "done": done[:50],
            "today": today,
            "required": StudySettings.current().observer_notice_working_days,
            "export": export_query(request),
        },
    )


@login_required
def writeup(request: AuthedRequest, pk: int) -> HttpResponse:
    observer = scoping.get_visible_or_404(request, cg.observer_tasks_of(request.user), pk=pk)
    form = WriteupForm(request.POST or None, initial={"writeup": observer.writeup})
    if request.method == "POST" and form.is_valid():
        try:
            services.writeup_submit(observer=observer, text=form.cleaned_data["writeup"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "列席报告已提交。")
            return redirect("study:observer_tasks")
    return render(
        request,
        "study/writeup_form.html",
        {"nav": NAV, "observer": observer, "session": observer.session, "form": form, "today": timezone.localdate()},
    )


FILTERS = {"overdue": "报告逾期未交", "short": "通知不足", "pending": "报告待交", "": "全部"}


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    """Every observer arrangement in the user's subtrees: overdue write-ups, short notices."""
    require_manager(request, Observer, "study:observers")
    today = timezone.localdate()
    observers = cg.observers_for(request.user).order_by("-session__held_on", "id")
    show = request.GET.get("show") or ""
    if show == "overdue":
        observers = cg.overdue_writeups(observers, today)
    elif show == "short":
        observers = cg.short_notice(observers)
    elif show == "pending":
        observers = observers.filter(writeup_submitted_at__isnull=True, session__status=SessionStatus.HELD)
    if wants_xlsx(request):
        rows = [
            (
                o.name,
                o.session.held_on,
                o.session.group.name,
                o.session.topic,
                timezone.localtime(o.notified_at).date(),
                o.notice_working_days,
                o.writeup_due_on,
                timezone.localtime(o.writeup_submitted_at).date() if o.writeup_submitted_at else None,
                "逾期未交" if o.is_overdue(today) else ("已提交" if o.writeup_submitted_at else "待提交"),
            )
            for o in observers
        ]
        headers = ["列席人", "学习日期", "中心组", "主题", "通知日期", "提前工作日", "报告截止", "报告提交", "报告状态"]
        return xlsx_download(request, title="列席安排", headers=headers, rows=rows, target=Observer)
    counts = {
        "overdue": cg.overdue_writeups(cg.observers_for(request.user), today).count(),
        "short": cg.short_notice(cg.observers_for(request.user)).count(),
    }
    return render(
        request,
        "study/observers_overview.html",
        {
            "nav": NAV,
            "page": paginate(request, observers),
            "show": show,
            "filters": FILTERS,
            "counts": counts,
            "today": today,
            "required": StudySettings.current().observer_notice_working_days,
            "query": page_query(request),
            "export": export_query(request),
        },
    )
