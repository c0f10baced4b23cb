"""One volunteer, for those overseeing them: records (with the committee's corrections) and certificates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from .. import permissions, selectors
from ..forms import CertificateIssueForm, HoursForm, ReasonForm
from .certificates import _record_years
from .common import NAV


@login_required
@require_GET
def volunteer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    volunteer = scoping.get_visible_or_404(request, selectors.visible_volunteers(request.user), pk=pk)
    records = list(volunteer.records.select_related("brigade").prefetch_related("corrections").order_by("-served_on"))
    certificates = list(volunteer.certificates.select_related("corps__org"))
    return render(
        request,
        "volunteer/volunteer_detail.html",
        {
            "nav": NAV,
            "volunteer": volunteer,
            "member": volunteer.member,
            "summary": selectors.hours_summary(volunteer, selectors.this_year()),
            "records": [(r, permissions.can_correct_record(request.user, r)) for r in records],
            "certificates": [(c, permissions.can_revoke(request.user, c)) for c in certificates],
            "can_issue": permissions.can_issue_for(request.user, volunteer),
            "can_pdf": scoping.can_reveal_personal_data(request.user, volunteer.member),
            "issue_form": CertificateIssueForm(years=_record_years(volunteer)),
            "correct_form": HoursForm(),
            "revoke_form": ReasonForm(),
        },
    )
