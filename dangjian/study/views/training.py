"""Training class pages: the list, a class, enrolment (by administrators or self sign-up), days, certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping, tree
from dangjian.people.models import CadreRank, Member, Status

from ..forms import ClassForm
from ..models import Enrolment, TrainingClass
from ..pdf import certificate_pdf
from ..selectors import training as sel
from ..selectors.people import PeopleFilter, people_matching
from ..services import training as services
from .common import (
    NAV,
    attach_errors,
    error_text,
    export_query,
    page_query,
    paginate,
    require_manager,
    require_manages,
    wants_xlsx,
    xlsx_download,
    year_param,
)


def person_or_404(request: AuthedRequest, page: str) -> Member:
    person = request.user.person if request.user.person_id else None
    if person is None:
        raise scoping.deny(request, Member, {"page": page}, exists=True)
    return person


@login_required
def class_list(request: AuthedRequest) -> HttpResponse:
    require_manager(request, TrainingClass, "study:classes")
    year, today = year_param(request.GET), timezone.localdate()
    phase = request.GET.get("phase") or ""
    classes = sel.class_list(request.user, year=year, phase=phase, today=today)
    if wants_xlsx(request):
        rows = sel.class_rows(classes)
        return xlsx_download(request, title="培训班", headers=sel.CLASS_HEADERS, rows=rows, target=TrainingClass)
    return render(
        request,
        "study/class_list.html",
        {
            "nav": NAV,
            "page": paginate(request, classes),
            "year": year,
            "phase": phase,
            "phases": sel.PHASES,
            "today": today,
            "query": page_query(request),
            "export": export_query(request),
        },
    )


@login_required
def class_new(request: AuthedRequest) -> HttpResponse:
    require_manager(request, TrainingClass, "study:class_new")
    form = ClassForm(request.POST or None, orgs=scoping.visible_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            klass = services.class_create(
                org=data["org"],
                title=data["title"],
                audience=data["audience"],
                venue_kind=data["venue_kind"],
                venue=data["venue"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                hours=data["hours"],
                capacity=data["capacity"],
                self_signup=data["self_signup"],
                signup_closes_on=data["signup_closes_on"],
                description=data["description"],
                starts_at=data["starts_at"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已新建培训班“{klass.title}”。")
            return redirect("study:class_detail", pk=klass.pk)
    return render(request, "study/class_form.html", {"nav": NAV, "form": form})


@login_required
def class_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The class: to those who run it, its days and roster; to anyone else, their own standing."""
    access = sel.class_visible_or_404(request, pk)
    klass, today = access.klass, timezone.localdate()
    days = sel.class_days(klass)
    if not access.manages:
        person = request.user.person if request.user.person_id else None
        view = sel.member_view(klass, access.enrolment, person, today)
        return render(
            request,
            "study/class_member.html",
            {
                "nav": NAV,
                "klass": klass,
                "days": days,
                "enrolment": view.enrolment,
                "standing": view.standing,
                "completion": view.completion,
                "problem": view.problem,
            },
        )
    if wants_xlsx(request):
        headers, rows = sel.class_sheet(klass, days, today)
        return xlsx_download(
            request, title=f"培训班学员_{klass.pk}", headers=headers, rows=rows, target=TrainingClass, org=klass.org
        )
    return render(
        request,
        "study/class_detail.html",
        {
            "nav": NAV,
            "klass": klass,
            "days": days,
            "page": paginate(request, sel.class_enrolments(klass), 100),
            "today": today,
            "export": export_query(request),
        },
    )


@login_required
def class_enrol(request: AuthedRequest, pk: int) -> HttpResponse:
    """Enrol people in bulk from the roster by filters (an organization, categories, ranks, post holders)."""
    access = sel.class_visible_or_404(request, pk)
    klass = access.klass
    require_manages(request, klass, klass.org)
    filters = PeopleFilter.from_params(request.POST if request.method == "POST" else request.GET)
    people = (
        people_matching(request=request, filters=filters, within=klass.org)
        if not filters.is_empty
        else Member.objects.none()
    )
    taken = set(klass.enrolments.filter(withdrawn_at__isnull=True).values_list("person_id", flat=True))
    if request.method == "POST":
        try:
            added = services.enrol(klass=klass, people=[p for p in people if p.pk not in taken], by=request.user)
        except ValidationError as e:
            messages.error(request, error_text(e))
        else:
            messages.success(request, f"已报名 {len(added)} 人。")
            return redirect("study:class_detail", pk=klass.pk)
    fresh = people.exclude(pk__in=taken)
    return render(
        request,
        "study/class_enrol.html",
        {
            "nav": NAV,
            "klass": klass,
            "filters": filters,
            "count": fresh.count(),
            "sample": fresh.select_related("org")[:50],
            "status_choices": Status.choices,
            "rank_choices": CadreRank.choices,
            "org_choices": scoping.visible_orgs(request.user)
            .filter(tree.subtree_q([klass.org.path]), depth__lte=klass.org.depth + 2)
            .order_by("path"),
        },
    )


@login_required
@require_POST
def class_signup(request: AuthedRequest, pk: int) -> HttpResponse:
    person = person_or_404(request, "study:class_signup")
    klass = sel.class_visible_or_404(request, pk).klass
    try:
        services.signup(klass=klass, person=person, by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, f"报名成功：{klass.title}。")
    return redirect("study:class_detail", pk=klass.pk)


@login_required
@require_POST
def class_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    klass = sel.class_visible_or_404(request, pk).klass
    require_manages(request, klass, klass.org)
    try:
        services.class_cancel(klass=klass, by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, "已取消该培训班。")
    return redirect("study:class_detail", pk=klass.pk)


def _enrolment_or_404(request: AuthedRequest, pk: int) -> Enrolment:
    """An enrolment: the person's own, or one of a class the user runs."""
    q = Q(klass__in=sel.classes_for(request.user))
    if getattr(request.user, "person_id", None):
        q |= Q(person_id=request.user.person_id)
    return scoping.get_visible_or_404(
        request, Enrolment.objects.filter(q).select_related("klass__org", "person__org"), pk=pk
    )


@login_required
@require_POST
def enrolment_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment_or_404(request, pk)
    try:
        services.withdraw(enrolment=enrolment, by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, f"{enrolment.person.name} 已退出培训班，名额已释放。")
    return redirect("study:class_detail", pk=enrolment.klass_id)


@login_required
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """The certificate of completion (结业证书) as PDF, once the class is over and attended enough."""
    enrolment = _enrolment_or_404(request, pk)
    done = sel.completion(enrolment, timezone.localdate())
    if not done.complete:
        messages.error(request, f"尚未达到结业条件（出勤 {done.attended}/{done.due_days} 天），暂不能打印结业证书。")
        return redirect("study:class_detail", pk=enrolment.klass_id)
    response = HttpResponse(certificate_pdf(enrolment), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=certificate-{enrolment.pk}.pdf"
    return response
