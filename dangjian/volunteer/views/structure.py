"""The structure pages: the corps, the brigade overview and its export, a brigade, its teams and members.

The overview is also the list behind the volunteer.brigades figure (?org=CODE&year=YYYY).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping, tree
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import attach_errors, flash_errors, xlsx_download, year_param
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member

from .. import permissions, selectors, services
from ..forms import BRIGADE_HOSTS, BrigadeCreateForm, BrigadeEditForm, CorpsForm, TeamForm, TeamMemberForm
from ..models import Activity, Brigade, Corps, Team, Volunteer
from .common import NAV, brigade_or_404, team_or_404

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# ---------------------------------------------------------------- the corps


def _committee_for(request: AuthedRequest) -> Organization:
    """The committee whose corps committee staff set up (?org=CODE picks one of several)."""
    committees = scoping.visible_orgs(request.user).filter(depth=1).order_by("path")
    code = (request.GET.get("org") or "").strip()
    committee = committees.filter(code=code).first() if code else committees.first()
    if committee is None or not scoping.is_committee_staff(request.user):
        raise scoping.deny(request, Corps, {"page": "corps"}, exists=True)
    return committee


def _corps_people(committee: Organization) -> QuerySet[Member]:
    """Candidates for corps leader: the committee's own office branch, and the brigade leaders."""
    return Member.objects.filter(
        Q(org=committee)
        | (tree.child_q(committee.path, "org__path", depth_field="org__depth") & Q(org__kind=OrgKind.BRANCH))
        | Q(pk__in=Brigade.objects.filter(corps__org=committee).values("leader_id"))
    ).order_by("name")


@login_required
def corps_edit(request: AuthedRequest) -> HttpResponse:
    committee = _committee_for(request)
    corps = Corps.objects.filter(org=committee).first()
    initial = (
        {
            "name": corps.name,
            "leader": corps.leader_id,
            "handler_name": corps.handler_name,
            "contact_phone": corps.contact_phone,
            "founded_on": corps.founded_on,
        }
        if corps
        else {"name": f"{committee.name.removesuffix('工作委员会').removesuffix('工委')}党员志愿服务总队"}
    )
    form = CorpsForm(request.POST or None, initial=initial, people=_corps_people(committee))
    if request.method == "POST" and form.is_valid():
        try:
            services.corps_save(committee=committee, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "志愿服务总队信息已保存。")
            return redirect("volunteer:brigades")
    return render(
        request, "volunteer/corps_form.html", {"nav": NAV, "form": form, "corps": corps, "committee": committee}
    )


# ---------------------------------------------------------------- the brigade overview


def _overview(request: AuthedRequest) -> tuple[QuerySet[selectors.BrigadeOverview], Organization | None, int]:
    brigades = selectors.visible_brigades(request.user)
    if not scoping.can_see_orgs(request.user) and not brigades.exists():
        raise scoping.deny(request, Brigade, {"page": "brigades"}, exists=True)
    org, year = org_and_year_from(request, request.GET)
    if org is not None:
        brigades = selectors.brigades_in(org, year, brigades)
    return selectors.brigade_overview(brigades, year).order_by("org__path", "name"), org, year


@login_required
@require_GET
def brigade_list(request: AuthedRequest) -> HttpResponse:
    brigades, org, year = _overview(request)
    rows = list(brigades)
    totals = {
        "teams": sum(b.team_count for b in rows),
        "volunteers": sum(b.volunteer_count for b in rows),
        "activities": sum(b.activity_count for b in rows),
        "hours": sum(b.hours_total for b in rows),
    }
    return render(
        request,
        "volunteer/brigade_list.html",
        {
            "nav": NAV,
            "brigades": rows,
            "org": org,
            "year": year,
            "totals": totals,
            "query": f"org={org.code}&year={year}" if org else f"year={year}",
            "can_create": scoping.can_see_orgs(request.user),
            "is_staff": scoping.is_committee_staff(request.user),
        },
    )


BRIGADE_HEADERS = [
    "支队",
    "所属党组织",
    "支队长",
    "成立日期",
    "分队数",
    "志愿者数",
    "本年活动次数",
    "本年服务时长（小时）",
]


@login_required
@require_GET
def brigade_export(request: AuthedRequest) -> HttpResponse:
    brigades, org, year = _overview(request)
    rows = [
        (b.name, b.org.name, b.leader.name if b.leader else "", b.founded_on, b.team_count, b.volunteer_count,
         b.activity_count, b.hours_total)
        for b in brigades
    ]  # fmt: skip
    return xlsx_download(
        request, title=f"{year}年志愿服务支队", headers=BRIGADE_HEADERS, rows=rows, target=Brigade, org=org
    )


@login_required
def brigade_new(request: AuthedRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Brigade, {"page": "brigade_new"}, exists=True)
    orgs = BRIGADE_HOSTS.orgs(request.user).order_by("path")
    form = BrigadeCreateForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            brigade = services.brigade_create(**form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已成立{brigade.name}。")
            return redirect("volunteer:brigade_detail", pk=brigade.pk)
    return render(request, "volunteer/brigade_new.html", {"nav": NAV, "form": form})


def _subtree_people(request: AuthedRequest, org: Organization) -> QuerySet[Member]:
    return scoping.in_subtree(scoping.visible_members(request.user), org).order_by("name", "id")


@login_required
@require_GET
def brigade_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    brigade = brigade_or_404(request, pk)
    year = year_param(request.GET)
    overview = selectors.brigade_overview(Brigade.objects.filter(pk=brigade.pk), year).get()
    manages = permissions.can_manage_structure(request.user, brigade)
    return render(
        request,
        "volunteer/brigade_detail.html",
        {
            "nav": NAV,
            "brigade": brigade,
            "overview": overview,
            "year": year,
            "teams": _teams(brigade),
            "pairings": brigade.pairings.all(),
            "activities": selectors.with_counts(brigade.activities.all()).order_by("-starts_at")[:10],
            "can_manage": manages,
            "can_organize": permissions.can_manage_brigade(request.user, brigade),
            "team_form": TeamForm(people=_subtree_people(request, brigade.org)) if manages else None,
        },
    )


def _teams(brigade: Brigade) -> list[Any]:
    return list(brigade.teams.select_related("leader").annotate(volunteer_count=Count("volunteers")).order_by("name"))


@login_required
def brigade_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    brigade = brigade_or_404(request, pk, manage=True)
    initial = {
        "name": brigade.name,
        "leader": brigade.leader_id,
        "founded_on": brigade.founded_on,
        "dissolved_on": brigade.dissolved_on,
    }
    form = BrigadeEditForm(request.POST or None, initial=initial, people=_subtree_people(request, brigade.org))
    if request.method == "POST" and form.is_valid():
        try:
            services.brigade_update(brigade=brigade, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "支队信息已保存。")
            return redirect("volunteer:brigade_detail", pk=brigade.pk)
    return render(request, "volunteer/brigade_edit.html", {"nav": NAV, "form": form, "brigade": brigade})


# ---------------------------------------------------------------- teams


@login_required
@require_POST
def team_new(request: AuthedRequest, pk: int) -> HttpResponse:
    brigade = brigade_or_404(request, pk, manage=True)
    form = TeamForm(request.POST, people=_subtree_people(request, brigade.org))
    if form.is_valid():
        try:
            team = services.team_create(brigade=brigade, **form.cleaned_data)
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"已成立{team.name}。")
            return redirect("volunteer:team_detail", pk=team.pk)
    else:
        messages.error(request, "分队未成立：" + "；".join(str(m) for errs in form.errors.values() for m in errs))
    return redirect("volunteer:brigade_detail", pk=brigade.pk)


class YearHours(TypedDict):
    year_hours: Decimal | None  # recorded hours in the year (None: none)


def _team_rows(team: Team, year: int) -> list[WithAnnotations[Volunteer, YearHours]]:
    return list(
        team.volunteers.select_related("member__org")
        .annotate(year_hours=Sum("records__hours", filter=Q(records__served_on__year=year)))
        .order_by("member__name", "pk")
    )


@login_required
@require_GET
def team_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    team = team_or_404(request, pk)
    year = year_param(request.GET)
    manages = permissions.can_manage_structure(request.user, team.brigade)
    member_form = (
        TeamMemberForm(people=_subtree_people(request, team.brigade.org).exclude(volunteer__team=team))
        if manages
        else None
    )
    return render(
        request,
        "volunteer/team_detail.html",
        {
            "nav": NAV,
            "team": team,
            "year": year,
            "volunteers": _team_rows(team, year),
            "can_manage": manages,
            "member_form": member_form,
            "activities": selectors.with_counts(Activity.objects.filter(team=team)).order_by("-starts_at")[:10],
        },
    )


TEAM_HEADERS = ["姓名", "志愿者编号", "所在组织", "加入分队日期", "本年服务时长（小时）"]


@login_required
@require_GET
def team_export(request: AuthedRequest, pk: int) -> HttpResponse:
    team = team_or_404(request, pk)
    year = year_param(request.GET)
    rows = [
        (v.member.name, v.number, v.member.org.name, v.joined_team_on, v.year_hours or 0)
        for v in _team_rows(team, year)
    ]
    return xlsx_download(
        request, title=f"分队成员_{team.name}", headers=TEAM_HEADERS, rows=rows, target=team, org=team.brigade.org_id
    )


@login_required
@require_POST
def team_member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    team = team_or_404(request, pk, manage=True)
    form = TeamMemberForm(request.POST, people=_subtree_people(request, team.brigade.org))
    if not form.is_valid():
        messages.error(request, "请选择要加入分队的人员。")
    else:
        try:
            volunteer = services.team_member_add(team=team, member=form.cleaned_data["member"])
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"{volunteer.member.name}已加入{team.name}（志愿者编号 {volunteer.number}）。")
    return redirect("volunteer:team_detail", pk=team.pk)


@login_required
@require_POST
def team_member_remove(request: AuthedRequest, pk: int, volunteer_pk: int) -> HttpResponse:
    team = team_or_404(request, pk, manage=True)
    volunteer = scoping.get_visible_or_404(request, team.volunteers.select_related("member"), pk=volunteer_pk)
    try:
        services.team_member_remove(team=team, volunteer=volunteer)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"{volunteer.member.name}已移出{team.name}。")
    return redirect("volunteer:team_detail", pk=team.pk)
