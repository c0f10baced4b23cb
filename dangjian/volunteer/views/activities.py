"""Activity pages: the list and its export, create, the activity page, edit, publish, cancel, QR code.

The activity page is the one members open on their phones to sign up; the
sign-up and attendance actions it posts to are in signup.py and hours.py.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import attach_errors, flash_errors, paginate, xlsx_download, year_param
from dangjian.people.models import Member

from .. import permissions, selectors, services
from ..forms import ActivityForm, AttendanceForm, HoursForm
from ..models import Activity, ActivityKind, ActivityStatus, Brigade, Team
from ..services.hours import checkin_window
from .common import NAV, activity_or_404, local, organized_activity_or_404
from .signup import box_context

PAGE_SIZE = 30
STATUS_TABS = (("published", "已发布"), ("draft", "草稿"), ("cancelled", "已取消"), ("all", "全部"))


def _manages_any(request: AuthedRequest) -> bool:
    return scoping.can_see_orgs(request.user) or selectors.managed_activities(request.user).exists()


def _managed_list(request: AuthedRequest) -> tuple[QuerySet[selectors.CountedActivity], dict[str, Any]]:
    """The organizer's list: ?org=CODE&year=YYYY&status=&kind=&q= (org out of reach: recorded 404)."""
    activities = selectors.managed_activities(request.user)
    # Without ?org= the list holds every activity the user manages, not only those of one subtree.
    org, year = org_and_year_from(request, request.GET) if request.GET.get("org") else (None, year_param(request.GET))
    start, end = selectors.year_bounds(year)
    activities = activities.filter(starts_at__gte=start, starts_at__lt=end)
    if org is not None:
        activities = scoping.in_subtree(activities, org)
    status = request.GET.get("status") or "published"
    if status in ActivityStatus.values:
        activities = activities.filter(status=status)
    kind = request.GET.get("kind") or ""
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    q = (request.GET.get("q") or "").strip()[:50]
    if q:
        activities = activities.filter(Q(title__contains=q) | Q(place__contains=q) | Q(brigade__name__contains=q))
    filters = {"org": org, "year": year, "status": status, "kind": kind, "q": q}
    return selectors.with_counts(activities).order_by("-starts_at", "-id"), filters


def _query(filters: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    params = {k: (v.code if k == "org" else v) for k, v in filters.items() if v}
    return urlencode(params)


@login_required
@require_GET
def activity_list(request: AuthedRequest) -> HttpResponse:
    if not _manages_any(request):
        # A member: the activities open for sign-up, soonest first.
        page = paginate(request, selectors.open_activities(request.user), PAGE_SIZE)
        return render(request, "volunteer/activities_open.html", {"nav": NAV, "page": page})
    activities, filters = _managed_list(request)
    page = paginate(request, activities, PAGE_SIZE)
    return render(
        request,
        "volunteer/activity_list.html",
        {
            "nav": NAV,
            "page": page,
            "filters": filters,
            "query": _query(filters),
            "status_tabs": STATUS_TABS,
            "kinds": ActivityKind.choices,
            "can_create": selectors.organizable_brigades(request.user).exists(),
        },
    )


EXPORT_HEADERS = [
    "活动名称", "活动类型", "支队", "分队", "地点", "开始时间", "结束时间", "报名截止",
    "招募人数", "已报名", "候补", "状态", "负责人", "时长已确认",
]  # fmt: skip


@login_required
@require_GET
def activity_export(request: AuthedRequest) -> HttpResponse:
    if not _manages_any(request):
        raise scoping.deny(request, Activity, {"page": "activity_export"}, exists=True)
    activities, filters = _managed_list(request)
    rows = [
        (
            a.title,
            a.get_kind_display(),
            a.brigade.name,
            a.team.name if a.team else "",
            a.place,
            local(a.starts_at),
            local(a.ends_at),
            local(a.signup_deadline),
            a.places,
            a.taken,
            a.waiting,
            a.get_status_display(),
            a.organizer.name if a.organizer else "",
            "是" if a.hours_confirmed_at else "否",
        )
        for a in activities
    ]
    return xlsx_download(
        request,
        title=f"{filters['year']}年志愿服务活动",
        headers=EXPORT_HEADERS,
        rows=rows,
        target=Activity,
        org=filters["org"],
    )


# ---------------------------------------------------------------- create and edit


def _organizers(request: AuthedRequest, brigades: QuerySet[Brigade]) -> QuerySet[Member]:
    """Whom the organizer field offers: the leaders of these brigades and their teams, and the user."""
    pid = permissions.person_id(request.user)
    return Member.objects.filter(
        Q(pk__in=brigades.values("leader_id"))
        | Q(pk__in=Team.objects.filter(brigade__in=brigades).values("leader_id"))
        | Q(pk=pid or 0)
    ).order_by("name")


def _form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> ActivityForm:
    brigades = selectors.organizable_brigades(request.user)
    return ActivityForm(data, brigades=brigades, organizers=_organizers(request, brigades), **kwargs)


def _activity_data(form: ActivityForm) -> services.ActivityData:
    d = form.cleaned_data
    return services.ActivityData(
        brigade=d["brigade"],
        team=d["team"],
        pairing=d["pairing"],
        title=d["title"],
        kind=d["kind"],
        place=d["place"],
        starts_at=d["starts_at"],
        ends_at=d["ends_at"],
        signup_deadline=d["signup_deadline"],
        places=d["places"],
        requirements=d["requirements"],
        organizer=d["organizer"],
    )


@login_required
def activity_new(request: AuthedRequest) -> HttpResponse:
    if not selectors.organizable_brigades(request.user).exists():
        raise scoping.deny(request, Activity, {"page": "activity_new"}, exists=True)
    form = _form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(data=_activity_data(form), by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已保存活动“{activity.title}”（草稿），发布后志愿者即可报名。")
            return redirect("volunteer:activity_detail", pk=activity.pk)
    return render(request, "volunteer/activity_form.html", {"nav": NAV, "form": form, "activity": None})


def _initial(activity: Activity) -> dict[str, Any]:
    return {
        "brigade": activity.brigade_id,
        "team": activity.team_id,
        "pairing": activity.pairing_id,
        "title": activity.title,
        "kind": activity.kind,
        "place": activity.place,
        "starts_at": timezone.localtime(activity.starts_at),
        "ends_at": timezone.localtime(activity.ends_at),
        "signup_deadline": timezone.localtime(activity.signup_deadline),
        "places": activity.places,
        "requirements": activity.requirements,
        "organizer": activity.organizer_id,
    }


@login_required
def activity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    form = _form(request, request.POST or None, initial=_initial(activity))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, data=_activity_data(form))
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "活动信息已更新。")
            return redirect("volunteer:activity_detail", pk=activity.pk)
    return render(request, "volunteer/activity_form.html", {"nav": NAV, "form": form, "activity": activity})


@login_required
@require_POST
def activity_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    try:
        services.activity_publish(activity=activity)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "活动已发布，本工委的党员即可报名。")
    return redirect("volunteer:activity_detail", pk=activity.pk)


@login_required
@require_POST
def activity_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = organized_activity_or_404(request, pk)
    try:
        services.activity_cancel(activity=activity)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "活动已取消。")
    return redirect("volunteer:activity_detail", pk=activity.pk)


# ---------------------------------------------------------------- the activity page


@login_required
@require_GET
def activity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_or_404(request, pk)
    member = selectors.person_of(request.user)
    mine = selectors.participation_of(activity, member)
    now = timezone.now()
    taken = activity.participations.filter(status="confirmed").count()
    context: dict[str, Any] = {
        "nav": NAV,
        **box_context(activity, member, mine, taken=taken, now=now),
        "can_organize": permissions.can_organize(request.user, activity),
    }
    if context["can_organize"]:
        confirmed, waiting, cancelled = selectors.participants(activity)
        opens, closes = checkin_window(activity)
        context.update(
            confirmed=confirmed,
            waiting=waiting,
            cancelled_count=cancelled,
            checkin_open=opens <= now <= closes,
            checkin_url=request.build_absolute_uri(reverse("volunteer:checkin", args=[activity.checkin_token])),
            attendance_form=AttendanceForm(),
            hours_form=HoursForm(),
            ended=now >= activity.ends_at,
            adjustments=list(
                activity.participations.filter(adjustments__isnull=False)
                .values(
                    "volunteer__member__name",
                    "adjustments__old_hours",
                    "adjustments__new_hours",
                    "adjustments__reason",
                    "adjustments__adjusted_at",
                )
                .order_by("adjustments__adjusted_at")
            ),
        )
    return render(request, "volunteer/activity_detail.html", context)


@login_required
@require_GET
def activity_qr(request: AuthedRequest, pk: int) -> HttpResponse:
    """The check-in QR code as SVG, made here (segno), pointing at the activity's check-in page."""
    activity = organized_activity_or_404(request, pk)
    url = request.build_absolute_uri(reverse("volunteer:checkin", args=[activity.checkin_token]))
    buffer = io.BytesIO()
    # A standalone SVG file (with its namespace; svg_inline leaves it out and browsers then show nothing).
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
