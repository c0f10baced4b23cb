"""Certificates: the member's own page (records, certificates, print one), the PDF, voiding,
the overseer's list, and the public verification page (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, scoping
from dangjian.core.web import flash_errors, paginate, xlsx_download

from .. import permissions, selectors, services
from ..forms import CertificateIssueForm, ReasonForm
from ..masking import mask_name
from ..models import Certificate, ParticipationStatus, Volunteer
from ..pdf import certificate_pdf
from ..services.certificates import normalize_number
from .common import NAV, require_overseer

RECORDS_PAGE_SIZE = 30


def _record_years(volunteer: Volunteer | None) -> list[int]:
    if volunteer is None:
        return []
    return sorted({d.year for d in volunteer.records.values_list("served_on", flat=True)}, reverse=True)


@login_required
@require_GET
def my_service(request: AuthedRequest) -> HttpResponse:
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Volunteer, {"page": "my_service"}, exists=True)
    volunteer = Volunteer.objects.filter(member=member).select_related("team__brigade").first()
    records = volunteer.records.select_related("brigade") if volunteer else []
    return render(
        request,
        "volunteer/my_service.html",
        {
            "nav": NAV,
            "member": member,
            "volunteer": volunteer,
            "summary": selectors.hours_summary(volunteer, selectors.this_year()),
            "records": paginate(request, records, RECORDS_PAGE_SIZE),
            "participations": volunteer.participations.exclude(status=ParticipationStatus.CANCELLED)
            .select_related("activity")
            .order_by("-activity__starts_at")[:20]
            if volunteer
            else [],
            "certificates": volunteer.certificates.all() if volunteer else [],
            "issue_form": CertificateIssueForm(years=_record_years(volunteer)),
        },
    )


def _issue(request: AuthedRequest, volunteer: Volunteer) -> Certificate | None:
    corps = selectors.corps_of_member(volunteer.member)
    form = CertificateIssueForm(request.POST, years=_record_years(volunteer))
    if corps is None or not form.is_valid():
        messages.error(request, "无法出具证明：本工委尚未设立志愿服务总队，或所选期间无效。")
        return None
    start, end = form.period()
    try:
        certificate = services.certificate_issue(
            volunteer=volunteer, corps=corps, by=request.user, period_start=start, period_end=end
        )
    except ValidationError as e:
        flash_errors(request, e)
        return None
    messages.success(request, f"已出具志愿服务证明，编号 {certificate.number}。")
    return certificate


@login_required
@require_POST
def certificate_issue_mine(request: AuthedRequest) -> HttpResponse:
    member = selectors.person_of(request.user)
    volunteer = Volunteer.objects.filter(member=member).select_related("member__org").first() if member else None
    if volunteer is None:
        raise scoping.deny(request, Volunteer, {"page": "certificate_issue_mine"}, exists=member is not None)
    _issue(request, volunteer)
    return redirect("volunteer:my_service")


@login_required
@require_POST
def certificate_issue_for(request: AuthedRequest, pk: int) -> HttpResponse:
    volunteer = scoping.get_visible_or_404(request, selectors.visible_volunteers(request.user), pk=pk)
    if not permissions.can_issue_for(request.user, volunteer):
        raise scoping.deny(request, Volunteer, {"pk": pk, "action": "issue"}, exists=True, org=volunteer.member.org_id)
    _issue(request, volunteer)
    return redirect("volunteer:volunteer_detail", pk=volunteer.pk)


def verify_url(request: HttpRequest, number: str) -> str:
    return request.build_absolute_uri(reverse("volunteer:verify") + f"?number={number}")


@login_required
@require_GET
def certificate_pdf_view(request: AuthedRequest, number: str) -> HttpResponse:
    """The PDF carries the full ID number: only for the person and those who may reveal it; recorded."""
    certificate = scoping.get_visible_or_404(request, selectors.visible_certificates(request.user), number=number)
    if not permissions.sees_full_id_number(request.user, certificate):
        raise scoping.deny(request, Certificate, {"number": number}, exists=True, org=certificate.corps.org_id)
    audit.record(
        audit.Event.REVEAL,
        request=request,
        target=certificate,
        org=certificate.volunteer.member.org_id,
        data={"fields": ["id_number"], "what": "volunteer_certificate_pdf"},
    )
    response = HttpResponse(
        certificate_pdf(certificate, verify_url=verify_url(request, number)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{number}.pdf"'
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def certificate_revoke(request: AuthedRequest, number: str) -> HttpResponse:
    certificate = scoping.get_visible_or_404(request, selectors.visible_certificates(request.user), number=number)
    if not permissions.can_revoke(request.user, certificate):
        raise scoping.deny(request, Certificate, {"number": number, "action": "revoke"}, exists=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写作废原因。")
    else:
        try:
            services.certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"证明 {number} 已作废，公开查验页将显示“已作废”。")
    return redirect("volunteer:volunteer_detail", pk=certificate.volunteer_id)


def _certificates(request: AuthedRequest):
    qs = selectors.visible_certificates(request.user)
    q = normalize_number(request.GET.get("q") or "")
    if q:
        qs = qs.filter(number__startswith=q)
    return qs, q


@login_required
@require_GET
def certificate_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "certificate_list")
    qs, q = _certificates(request)
    page = paginate(request, qs)
    return render(request, "volunteer/certificate_list.html", {"nav": NAV, "page": page, "q": q})


CERT_HEADERS = ["证明编号", "姓名", "志愿者编号", "服务次数", "服务时长（小时）", "出具单位", "出具日期", "状态"]


@login_required
@require_GET
def certificate_export(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "certificate_export")
    qs, _ = _certificates(request)
    rows = [
        (c.number, c.name, c.volunteer_number, c.service_count, c.hours, c.issuer_name, c.issued_on,
         "有效" if c.is_valid else "已作废")
        for c in qs
    ]  # fmt: skip
    return xlsx_download(request, title="志愿服务证明", headers=CERT_HEADERS, rows=rows, target=Certificate)


# ---------------------------------------------------------------- public verification


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone, logged in or not, checks a number: masked name, hours, issuer, date, valid or void. Nothing else."""
    number = normalize_number(request.GET.get("number") or "")
    result = None
    if number:
        certificate = selectors.certificate_by_number(number)
        result = (
            {
                "number": certificate.number,
                "name": mask_name(certificate.name),
                "hours": certificate.hours,
                "issuer": certificate.issuer_name,
                "issued_on": certificate.issued_on,
                "valid": certificate.is_valid,
                "revoked_on": certificate.revoked_at,
            }
            if certificate
            else {"missing": True, "number": number}
        )
    response = render(request, "volunteer/verify.html", {"number": number, "result": result})
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
