"""The list of brands, a brand's page with its versions and history, drafting, submitting, returning."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, export_query, flash_errors, page_query, paginate, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..conf import BrandsSettings
from ..forms import BrandForm, EvidenceForm, ReturnForm
from ..models import Brand, BrandStatus, Evidence
from ..pdf import certificate_pdf
from .common import NAV, brand_or_404, file_response, read_upload, require_overseer

TEXT_FIELDS = ("name", "slogan", "meaning", "vehicle", "impact")
HEADERS = ["党组织", "品牌名称", "品牌口号", "批次", "状态", "首次申报", "认定日期", "证书编号", "版本数"]
STATUS_FILTERS = {"listed": "已认定（含降级整改）", **dict(BrandStatus.choices)}


@login_required
@require_GET
def brand_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "brands")
    code = (request.GET.get("org") or "").strip()
    org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code) if code else None
    batch_id = request.GET.get("batch") or ""
    batch = None
    if batch_id:
        batch = scoping.get_visible_or_404(request, selectors.visible_batches(request.user), pk=batch_id)
    status = request.GET.get("status", "")
    filters = selectors.BrandFilters(
        org=org,
        batch=batch,
        status=status if status in STATUS_FILTERS else "",
        q=(request.GET.get("q") or "").strip()[:50],
    )
    rows = selectors.brand_rows(request.user, filters)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title="党建品牌",
            headers=HEADERS,
            rows=[
                (
                    b.org.name,
                    b.name,
                    b.slogan,
                    str(b.batch),
                    b.get_status_display(),
                    b.first_submitted_at.date() if b.first_submitted_at else "",
                    b.recognized_at.date() if b.recognized_at else "",
                    b.certificate_no,
                    b.version_count,
                )
                for b in rows
            ],
            target=Brand,
            org=org,
            personal=False,
        )
    return render(
        request,
        "brands/brand_list.html",
        {
            "nav": NAV,
            "page": paginate(request, rows, BrandsSettings.current().list_page_size),
            "filters": filters,
            "statuses": STATUS_FILTERS,
            "batches": selectors.visible_batches(request.user).select_related("stage"),
            "summary": selectors.brand_summary(request.user, org),
            "query": page_query(request),
            "export_query": export_query(request),
            "can_create": selectors.open_batches(request.user).exists(),
        },
    )


def _texts(form: BrandForm) -> dict[str, str]:
    return {f: form.cleaned_data.get(f) or "" for f in TEXT_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def brand_new(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "brand_new")
    orgs, batches = selectors.creatable_orgs(request.user), selectors.open_batches(request.user)
    form = BrandForm(request.POST or None, request.FILES or None, orgs=orgs, batches=batches)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            brand = services.brand_create(
                org=d["org"],
                batch=d["batch"],
                texts=_texts(form),
                logo=read_upload(request, "logo", BrandsSettings.current().logo_max_bytes),
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已保存品牌草稿“{brand.name}”。五要素齐全后即可提交申报。")
            return redirect("brands:brand_detail", pk=brand.pk)
    return render(request, "brands/brand_form.html", {"nav": NAV, "form": form, "brand": None})


@login_required
@require_http_methods(["GET", "POST"])
def brand_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, edit=True)
    initial = {f: getattr(brand, f) for f in TEXT_FIELDS}
    form = BrandForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.brand_update(
                brand=brand,
                texts=_texts(form),
                logo=read_upload(request, "logo", BrandsSettings.current().logo_max_bytes),
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存。")
            return redirect("brands:brand_detail", pk=brand.pk)
    return render(request, "brands/brand_form.html", {"nav": NAV, "form": form, "brand": brand})


@login_required
@require_GET
def brand_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk)
    can_decide = permissions.can_decide(request.user, brand)
    reviewer = brand.batch.reviewers.filter(user=request.user).first()
    return render(
        request,
        "brands/brand_detail.html",
        {
            "nav": NAV,
            "brand": brand,
            "versions": list(brand.versions.order_by("-number")),
            "events": list(brand.events.select_related("actor").order_by("-at", "-id")),
            "evidence": list(brand.evidence.filter(removed_at__isnull=True).order_by("id")),
            "scores": list(brand.scores.select_related("reviewer__user")) if can_decide else [],
            "visits": list(brand.visits.prefetch_related("photos")),
            "reevaluations": list(brand.reevaluations.all()),
            "can_edit": permissions.can_edit_brand(request.user, brand),
            "can_decide": can_decide,
            "reviewer": reviewer,
            "return_form": ReturnForm(),
            "evidence_form": EvidenceForm(),
        },
    )


@login_required
@require_POST
def brand_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, edit=True)
    try:
        version = services.brand_submit(brand=brand, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已提交申报（第 {version.number} 版），等待工委评审。")
    return redirect("brands:brand_detail", pk=brand.pk)


@login_required
@require_POST
def brand_return(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, decide=True)
    try:
        services.brand_return(brand=brand, comment=request.POST.get("comment", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已退回修改，意见已告知申报组织。")
    return redirect("brands:brand_detail", pk=brand.pk)


@login_required
@require_POST
def evidence_add(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, edit=True)
    try:
        services.evidence_add(brand=brand, upload=request.FILES.get("file"), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已上传佐证材料。")
    return redirect("brands:brand_detail", pk=brand.pk)


def _evidence_or_404(request: AuthedRequest, pk: int) -> Evidence:
    qs = selectors.visible_evidence(request.user).select_related("brand__org")
    return scoping.get_visible_or_404(request, qs, pk=pk)


@login_required
@require_POST
def evidence_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _evidence_or_404(request, pk)
    brand = brand_or_404(request, item.brand_id, edit=True)
    try:
        services.evidence_remove(evidence=item, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已移除“{item.name}”（已提交的版本仍保留该文件）。")
    return redirect("brands:brand_detail", pk=brand.pk)


@login_required
@require_GET
def evidence_file(request: AuthedRequest, pk: int) -> FileResponse:
    item = _evidence_or_404(request, pk)
    return file_response(item.file, item.content_type, name=item.name)


@login_required
@require_GET
def brand_logo(request: AuthedRequest, pk: int) -> HttpResponseBase:
    brand = brand_or_404(request, pk)
    if not brand.logo:
        raise scoping.deny(request, Brand, {"pk": pk, "logo": "none"}, exists=True, org=brand.org_id)
    thumb = request.GET.get("size") == "thumb"
    return file_response(brand.logo_thumb if thumb else brand.logo, brand.logo_type)


@login_required
@require_GET
def version_detail(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    brand = brand_or_404(request, pk)
    version = scoping.get_visible_or_404(request, brand.versions.all(), number=number)
    return render(request, "brands/version_detail.html", {"nav": NAV, "brand": brand, "version": version})


@login_required
@require_GET
def brand_certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """The recognition certificate as a PDF (a brand that has one: recognized, even if later downgraded)."""
    brand = brand_or_404(request, pk)
    if not brand.certificate_no or brand.status == BrandStatus.REVOKED:
        raise scoping.deny(request, Brand, {"pk": pk, "certificate": "none"}, exists=True, org=brand.org_id)
    url = request.build_absolute_uri(reverse("brands:verify", args=[brand.verify_token]))
    committee = permissions.committee_of(brand.org).name
    response = HttpResponse(
        certificate_pdf(brand, verify_url=url, committee_name=committee), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="brand-certificate-{brand.pk}.pdf"'
    add_never_cache_headers(response)
    return response
