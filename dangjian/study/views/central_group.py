"""Central-group study pages: groups, their members, sessions, attendance, materials."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping, tree
from dangjian.people.models import CadreRank, Status

from ..conf import StudySettings
from ..forms import GroupForm, SessionForm, SummaryForm, UploadForm
from ..models import GroupRole, Mark, Session, SessionStatus, StudyGroup
from ..selectors import central_group as cg
from ..selectors.people import PeopleFilter, people_matching, subtree_people
from ..services import central_group as services
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
    require_manages,
    wants_xlsx,
    xlsx_download,
    year_param,
)


def _group_or_404(request: AuthedRequest, pk: int) -> StudyGroup:
    return scoping.get_visible_or_404(request, cg.groups_for(request.user), pk=pk)


@login_required
def group_list(request: AuthedRequest) -> HttpResponse:
    require_manager(request, StudyGroup, "study:groups")
    groups = (
        cg.groups_for(request.user)
        .annotate(
            member_count=Count("memberships", distinct=True),
            held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD), distinct=True),
        )
        .order_by("org__path", "id")
    )
    if wants_xlsx(request):
        rows = [(g.name, g.get_kind_display(), g.org.name, g.member_count, g.held) for g in groups]
        return xlsx_download(
            request,
            title="理论学习中心组",
            headers=["中心组", "类别", "所属组织", "成员数", "已举行集体学习"],
            rows=rows,
            target=StudyGroup,
        )
    return render(
        request,
        "study/group_list.html",
        {"nav": NAV, "page": paginate(request, groups), "query": page_query(request), "export": export_query(request)},
    )


@login_required
def group_new(request: AuthedRequest) -> HttpResponse:
    require_manager(request, StudyGroup, "study:group_new")
    form = GroupForm(request.POST or None, orgs=scoping.visible_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                org=form.cleaned_data["org"],
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已新建“{group.name}”。")
            return redirect("study:group_members" if not group.is_joint else "study:group_detail", pk=group.pk)
    return render(request, "study/group_form.html", {"nav": NAV, "form": form})


@login_required
def group_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    year = year_param(request.GET)
    today = timezone.localdate()
    sessions = cg.with_counts(group.sessions.all()).order_by("-held_on", "-id")
    freq = cg.frequency(StudyGroup.objects.filter(pk=group.pk), year, today)
    return render(
        request,
        "study/group_detail.html",
        {
            "nav": NAV,
            "group": group,
            "memberships": group.memberships.select_related("person__org").order_by("role", "person__name_initials"),
            "page": paginate(request, sessions, 20),
            "frequency": freq[0] if freq else None,
            "min_per_quarter": StudySettings.current().central_group_min_per_quarter,
            "year": year,
            "manages": scoping.can_manage_org(request.user, group.org),
        },
    )


@login_required
def group_members(request: AuthedRequest, pk: int) -> HttpResponse:
    """Choose the group's members from its organization's roster (bureau and division cadres first)."""
    group = _group_or_404(request, pk)
    if group.is_joint:
        messages.info(request, "市直机关中心组每次学习单独确定参学人员，不设固定成员。")
        return redirect("study:group_detail", pk=group.pk)
    current = {m.person_id: m.role for m in group.memberships.all()}
    ranks = request.GET.getlist("rank") or [CadreRank.BUREAU, CadreRank.DIVISION]
    candidates = (
        subtree_people(group.org).filter(Q(cadre_rank__in=ranks) | Q(pk__in=list(current))).select_related("org")
    )
    candidates = candidates.order_by("cadre_rank", "name_initials")[:300]
    error = ""
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
        people = {p.pk: p for p in subtree_people(group.org).filter(pk__in=chosen).select_related("org")}
        members = [
            (people[pid], request.POST.get(f"role_{pid}") or GroupRole.MEMBER) for pid in chosen if pid in people
        ]
        try:
            services.group_set_members(group=group, members=members, by=request.user)
        except ValidationError as e:
            error = error_text(e)
        else:
            messages.success(request, f"已更新中心组成员（{len(members)}人）。")
            return redirect("study:group_detail", pk=group.pk)
    return render(
        request,
        "study/group_members.html",
        {
            "nav": NAV,
            "group": group,
            "candidates": candidates,
            "current": current,
            "roles": GroupRole.choices,
            "ranks": ranks,
            "rank_choices": CadreRank.choices,
            "error": error,
        },
    )


@login_required
def session_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Plan a session. A joint session picks its attendees from the roster by filters (e.g. every 处级 cadre)."""
    group = _group_or_404(request, pk)
    form = SessionForm(request.POST or None)
    filters = PeopleFilter.from_params(request.POST if request.method == "POST" else request.GET)
    invitees = None
    if group.is_joint:
        if filters.is_empty:
            filters = PeopleFilter(ranks=(CadreRank.DIVISION,), statuses=(Status.FULL, Status.PROBATIONARY))
        invitees = people_matching(request=request, filters=filters, within=group.org)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_plan(
                group=group,
                held_on=form.cleaned_data["held_on"],
                starts_at=form.cleaned_data["starts_at"],
                hours=form.cleaned_data["hours"],
                topic=form.cleaned_data["topic"],
                location=form.cleaned_data["location"],
                speakers=form.speaker_list(subtree_people(group.org)),
                invitees=list(invitees) if invitees is not None else None,
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已安排集体学习：{session.topic}。")
            return redirect("study:session_detail", pk=session.pk)
    return render(
        request,
        "study/session_form.html",
        {
            "nav": NAV,
            "group": group,
            "form": form,
            "filters": filters,
            "invitee_count": invitees.count() if invitees is not None else group.memberships.count(),
            "status_choices": Status.choices,
            "rank_choices": CadreRank.choices,
            "org_choices": scoping.visible_orgs(request.user)
            .filter(tree.subtree_q([group.org.path]), depth__lte=group.org.depth + 1)
            .order_by("path"),
        },
    )


@login_required
def session_list(request: AuthedRequest) -> HttpResponse:
    require_manager(request, Session, "study:sessions")
    year = year_param(request.GET)
    sessions = cg.with_counts(cg.sessions_for(request.user).filter(held_on__year=year)).order_by("-held_on", "-id")
    status = request.GET.get("status") or ""
    if status in SessionStatus.values:
        sessions = sessions.filter(status=status)
    if wants_xlsx(request):
        rows = [
            (s.held_on, s.group.name, s.topic, s.get_status_display(), s.invited, s.attended, s.hours) for s in sessions
        ]
        return xlsx_download(
            request,
            title="中心组集体学习",
            headers=["日期", "中心组", "学习主题", "状态", "应参学", "参学人次", "学时"],
            rows=rows,
            target=Session,
        )
    return render(
        request,
        "study/session_list.html",
        {
            "nav": NAV,
            "page": paginate(request, sessions),
            "year": year,
            "status": status,
            "status_choices": SessionStatus.choices,
            "query": page_query(request),
            "export": export_query(request),
        },
    )


@login_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session, manages = cg.session_visible_or_404(request, pk)
    attendances = session.attendances.select_related("person__org").order_by(
        "person__org__path", "person__name_initials"
    )
    if manages and wants_xlsx(request):
        rows = [(a.person.name, a.person.org.name, a.get_status_display() or "待登记", a.reason) for a in attendances]
        return xlsx_download(
            request,
            title=f"参学名单_{session.held_on:%Y%m%d}",
            headers=["姓名", "所在组织", "出勤", "缺席原因"],
            rows=rows,
            target=Session,
            org=session.org,
        )
    counts = {m: 0 for m in [*Mark.values, ""]}
    for status, n in session.attendances.values_list("status").annotate(n=Count("id")).order_by():
        counts[status] = n
    person_id = getattr(request.user, "person_id", None)
    return render(
        request,
        "study/session_detail.html",
        {
            "nav": NAV,
            "session": session,
            "manages": manages,
            "page": paginate(request, attendances if manages else attendances.filter(person_id=person_id), 100),
            "counts": counts,
            "marks": Mark.choices,
            "observers": session.observers.select_related("user", "person"),
            "materials": session.materials.all(),
            "speakers": session.speakers.all(),
            "upload_form": UploadForm(),
            "export": export_query(request),
            "today": timezone.localdate(),
            "required": StudySettings.current().observer_notice_working_days,
        },
    )


@login_required
def session_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record attendance and the write-up; the session is held once every invited person is marked.

    A joint session invites hundreds: the roster comes MARK_ROWS to a page, each page saved on its own.
    """
    session, manages = cg.session_visible_or_404(request, pk)
    require_manages(request, session, session.org)
    everyone = session.attendances.select_related("person__org").order_by(
        "person__org__path", "person__name_initials", "id"
    )
    page = paginate(request, everyone, MARK_ROWS)
    rows = list(page.object_list)
    form = SummaryForm(request.POST or None, initial={"summary": session.summary})
    error = ""
    if request.method == "POST" and form.is_valid():
        marks = read_marks(request.POST, [a.person_id for a in rows])
        try:
            session = services.session_record(
                session=session, marks=marks, summary=form.cleaned_data["summary"], by=request.user, partial=True
            )
        except ValidationError as e:
            error = error_text(e)
        else:
            if session.is_held:
                messages.success(request, "已登记出勤，该次学习记为已举行。")
                return redirect("study:session_detail", pk=session.pk)
            left = session.attendances.filter(status="").count()
            messages.info(request, f"已保存本页 {len(marks)} 人，尚有 {left} 人未登记出勤。")
            following = page.next_page_number() if page.has_next() else 1
            return redirect(f"{request.path}?page={following}")
    posted = request.POST if request.method == "POST" else None
    lines = [
        {
            "p": a.person,
            "status": (posted.get(f"mark_{a.person_id}") if posted else None) or a.status or Mark.PRESENT,
            "reason": (posted.get(f"reason_{a.person_id}") if posted else None) or a.reason,
        }
        for a in rows
    ]
    return render(
        request,
        "study/session_attendance.html",
        {
            "nav": NAV, "session": session, "form": form, "lines": lines, "marks": Mark.choices, "error": error,
            "page": page, "total": page.paginator.count,
            "unmarked": session.attendances.filter(status="").count(),
        },
    )  # fmt: skip


@login_required
@require_POST
def session_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    session, _ = cg.session_visible_or_404(request, pk)
    require_manages(request, session, session.org)
    try:
        services.session_cancel(session=session, by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, "已取消该次学习。")
    return redirect("study:session_detail", pk=session.pk)
