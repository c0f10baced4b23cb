"""Plans with their stages and batches; a batch's page: reviewers, ranking, selection, notice, recognition;
a reviewer's score sheet; on-site visits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.accounts.models import User
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..conf import BrandsSettings
from ..forms import BatchForm, PlanForm, ReviewerForm, ScoreForm, StageForm, VisitForm
from ..models import Batch, BatchStatus, Stage
from .common import NAV, batch_or_404, brand_or_404, file_response, plan_or_404, require_overseer, require_staff


@login_required
@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "plans")
    plans = selectors.visible_plans(request.user).select_related("committee").prefetch_related("stages__batches")
    return render(
        request,
        "brands/plan_list.html",
        {"nav": "brands_plans", "plans": plans, "can_plan": permissions.is_staff(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: AuthedRequest) -> HttpResponse:
    require_staff(request, "plan_new")
    form = PlanForm(request.POST or None)
    committees = permissions.staff_committees(request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_create(
                committee=committees[0],
                name=d["name"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                description=d["description"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已创建“{plan.name}”，请添加阶段和批次。")
            return redirect("brands:plans")
    return render(
        request,
        "brands/simple_form.html",
        {"nav": "brands_plans", "form": form, "title": "制定品牌创建规划", "back": "brands:plans"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_new(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.stage_add(
                plan=plan,
                kind=d["kind"],
                name=d["name"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已添加阶段。")
            return redirect("brands:plans")
    return render(
        request,
        "brands/simple_form.html",
        {"nav": "brands_plans", "form": form, "title": f"添加阶段：{plan.name}", "back": "brands:plans"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch_new(request: AuthedRequest, pk: int) -> HttpResponse:
    require_staff(request, "batch_new")
    stage = scoping.get_visible_or_404(
        request, Stage.objects.filter(plan__in=selectors.visible_plans(request.user)), pk=pk
    )
    plan_or_404(request, stage.plan_id)
    form = BatchForm(request.POST or None, initial={"year": stage.starts_on.year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            batch = services.batch_create(
                stage=stage, name=d["name"], year=d["year"], submit_by=d["submit_by"], by=request.user
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已开启{batch}的征集。")
            return redirect("brands:batch_detail", pk=batch.pk)
    return render(
        request,
        "brands/simple_form.html",
        {"nav": "brands_plans", "form": form, "title": f"新建批次：{stage}", "back": "brands:plans"},
    )


RANK_HEADERS = ["名次", "并列", "党组织", "品牌名称", "平均分", "评分人数", "去掉最高最低", "状态"]


@login_required
@require_GET
def batch_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    staff = permissions.runs_committee(request.user, batch.committee_id)
    if not staff and not permissions.is_reviewer(request.user, batch):
        # An organization administrator sees the batch's dates and its recognized list, not the scores.
        return render(
            request,
            "brands/batch_public.html",
            {
                "nav": "brands_plans",
                "batch": batch,
                "recognized": batch.brands.filter(status__in=("recognized", "downgraded", "revoked")).select_related(
                    "org"
                ),
                "mine": selectors.visible_brands(request.user).filter(batch=batch).select_related("org"),
            },
        )
    ranking = selectors.batch_ranking(batch)
    if wants_xlsx(request) and staff:
        return xlsx_download(
            request,
            title=f"{batch}评审排名",
            headers=RANK_HEADERS,
            rows=[
                (
                    r.rank or "",
                    "是" if r.tied else "",
                    r.brand.org.name,
                    r.brand.name,
                    r.mean if r.mean is not None else "",
                    r.count,
                    "是" if r.trimmed else "",
                    r.brand.get_status_display(),
                )
                for r in ranking
            ],
            target=Batch,
            org=batch.committee_id,
            personal=False,
        )
    reviewer = batch.reviewers.filter(user=request.user).first()
    scored = set(reviewer.scores.values_list("brand_id", flat=True)) if reviewer else set()
    return render(
        request,
        "brands/batch_detail.html",
        {
            "nav": "brands_plans",
            "batch": batch,
            "ranking": ranking,
            "staff": staff,
            "reviewer": reviewer,
            "scored": scored,
            # The ranking's rows (brands_tags.ranking_rows): what each row offers.
            "select_now": staff and batch.status == BatchStatus.REVIEWING,
            "reviewer_on": reviewer is not None,
            "can_score": batch.status == BatchStatus.REVIEWING,
            "reviewers": list(batch.reviewers.select_related("user")),
            "reviewer_form": ReviewerForm(users=_reviewer_users(batch)) if staff else None,
            "trim_from": BrandsSettings.current().trim_from_reviewers,
            "waiting": batch.brands.filter(status__in=("draft", "returned")).count(),
        },
    )


def _reviewer_users(batch: Batch):  # type: ignore[no-untyped-def]
    ids = [u.pk for u in services.reviewer_candidates(batch)]
    return User.objects.filter(pk__in=ids).exclude(brand_reviews__batch=batch).order_by("username")


@login_required
@require_POST
def reviewer_add(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk, staff=True)
    form = ReviewerForm(request.POST, users=_reviewer_users(batch))
    if form.is_valid():
        try:
            services.reviewer_add(
                batch=batch, user=form.cleaned_data["user"], title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, "已增加评审专家。")
    else:
        messages.error(request, "请选择评审专家。")
    return redirect("brands:batch_detail", pk=batch.pk)


@login_required
@require_POST
def batch_step(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    """start (开始评审), select (确定拟认定名单并公示), recognize (公示期满，正式认定)."""
    if step not in ("start", "select", "recognize"):
        raise Http404("未找到该操作。")
    batch = batch_or_404(request, pk, staff=True)
    try:
        if step == "start":
            services.batch_start_review(batch=batch, by=request.user)
            messages.success(request, "已停止征集，开始评审。")
        elif step == "select":
            ids = [int(v) for v in request.POST.getlist("brand") if v.isdigit()]
            batch = services.batch_select(
                batch=batch, brand_ids=ids, notice_text=request.POST.get("notice_text", ""), by=request.user
            )
            messages.success(request, f"已公示拟认定名单 {len(ids)} 个，公示期至 {batch.notice_ends_on:%Y-%m-%d}。")
        else:
            services.batch_recognize(batch=batch, by=request.user)
            messages.success(request, "公示期满，已正式认定。")
    except ValidationError as e:
        flash_errors(request, e)
    return redirect("brands:batch_detail", pk=batch.pk)


@login_required
@require_http_methods(["GET", "POST"])
def score(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = scoping.get_visible_or_404(
        request, selectors.visible_brands(request.user).select_related("org", "batch"), pk=pk
    )
    reviewer = brand.batch.reviewers.filter(user=request.user).first()
    if reviewer is None:
        raise scoping.deny(request, type(brand), {"pk": pk, "action": "score"}, exists=True, org=brand.org_id)
    existing = reviewer.scores.filter(brand=brand).first()
    initial = {f"s_{k}": v for k, v in (existing.parts if existing else {}).items()}
    if existing:
        initial["opinion"] = existing.opinion
    form = ScoreForm(request.POST or None, batch=brand.batch, initial=initial)
    own_unit = services.own_unit_of(request.user, brand)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_record(
                brand=brand, parts=form.parts(), opinion=form.cleaned_data["opinion"], by=request.user
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已保存对“{brand.name}”的评分。")
            return redirect("brands:batch_detail", pk=brand.batch_id)
    return render(
        request,
        "brands/score_form.html",
        {"nav": "brands_plans", "brand": brand, "form": form, "own_unit": own_unit, "existing": existing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, decide=True)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cap = BrandsSettings.current().photo_max_bytes
        d = form.cleaned_data
        try:
            services.visit_record(
                brand=brand,
                visited_on=d["visited_on"],
                visitors=d["visitors"],
                note=d["note"],
                photos=[u.read(cap + 1) for u in request.FILES.getlist("photos")],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已记录实地考察。")
            return redirect("brands:brand_detail", pk=brand.pk)
    return render(request, "brands/visit_form.html", {"nav": NAV, "brand": brand, "form": form})


@login_required
@require_GET
def visit_photo(request: AuthedRequest, pk: int) -> FileResponse:
    photo = scoping.get_visible_or_404(request, selectors.visible_visit_photos(request.user), pk=pk)
    f = photo.thumbnail if request.GET.get("size") == "thumb" else photo.file
    return file_response(f, photo.content_type)
