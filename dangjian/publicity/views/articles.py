"""Articles: the list, the form (new and edit) and an article's page with its history."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from dangjian.core import scoping
from dangjian.core.errors import codes_of
from dangjian.core.web import attach_errors, paginate

from .. import errors, permissions, selectors
from ..conf import PublicitySettings
from ..forms import ArticleForm, CommentForm, ImageForm, OverrideForm
from ..models import Article, ChannelKind, SpecialPage, Status
from ..services import articles as services
from ..services import gate
from .common import NAV


@login_required
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    permissions.require_page(request, "articles", Article)
    filters = selectors.ArticleFilters.from_params(request.GET)
    page = paginate(
        request, selectors.articles_for(user=request.user, filters=filters), PublicitySettings.current().list_page_size
    )
    query = urlencode(filters.as_params())
    return render(
        request,
        "publicity/article_list.html",
        {
            "nav": NAV,
            "tab": "articles",
            "page": page,
            "filters": filters,
            "query": query,
            "statuses": Status.choices,
            "columns": selectors.column_choices(user=request.user),
            "can_write": bool(permissions.paths(request.user, permissions.WRITERS)),
        },
    )


def _form(request: HttpRequest, data: Any = None, initial: dict[str, Any] | None = None) -> ArticleForm:
    user = request.user
    columns = selectors.column_choices(user=user)
    newspaper_channels = {c.channel_id for c in columns if c.channel.kind == ChannelKind.NEWSPAPER}
    return ArticleForm(
        data,
        initial=initial,
        orgs=permissions.orgs_for(user, permissions.WRITERS),
        columns=columns,
        special_pages=SpecialPage.objects.filter(channel_id__in=newspaper_channels).order_by("-run_on"),
    )


def _refused_body(form: ArticleForm, error: ValidationError) -> list[dict[str, Any]]:
    """The findings that kept the body as sent from being saved, for the editor to mark."""
    if errors.SuspiciousBody.code not in codes_of(error):
        return []
    return gate.input_findings(form.cleaned_data.get("body") or "")


def _data(form: ArticleForm) -> services.ArticleData:
    d = form.cleaned_data
    return services.ArticleData(
        org=d["org"],
        column=d["column"],
        title=d["title"],
        body=d["body"] or "",
        page_title=d["page_title"],
        summary=d["summary"],
        author=d["author"],
        special_page=d["special_page"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request, permissions.WRITERS, Article, "publicity:article_new")
    form = _form(request, request.POST if request.method == "POST" else None)
    findings: list[dict[str, Any]] = []
    if form.is_bound and form.is_valid():
        try:
            article = services.article_create(by=request.user, data=_data(form))
        except ValidationError as e:
            findings = _refused_body(form, e)
            attach_errors(form, e)
        else:
            messages.success(request, "已保存草稿。检查无误后可提交审核。")
            return redirect("publicity:article", pk=article.pk)
    return render(
        request,
        "publicity/article_form.html",
        {"nav": NAV, "tab": "articles", "form": form, "article": None, "findings": findings, "refused": True},
    )


def article_for_change(request: HttpRequest, pk: int) -> Article:
    """The article, if the user may write for its organization; otherwise a recorded 404."""
    article = selectors.article_for(request, pk)
    if not permissions.can_write(request.user, article.org):
        raise scoping.deny(request, Article, {"pk": pk, "action": "edit"}, exists=True, org=article.org_id)
    return article


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_for_change(request, pk)
    refusal = permissions.article_refusal(request.user, article, "edit")
    if refusal is not None:
        messages.error(request, refusal.text)
        return redirect("publicity:article", pk=article.pk)
    form = _form(request, request.POST if request.method == "POST" else None, ArticleForm.initial_for(article))
    if not form.is_bound:
        findings, refused = gate.editor_findings(article), False
    elif form.is_valid():
        try:
            services.article_update(article=article, by=request.user, data=_data(form))
        except ValidationError as e:
            article.refresh_from_db()
            findings, refused = _refused_body(form, e), True
            attach_errors(form, e)
        else:
            messages.success(request, "已保存修改。")
            return redirect("publicity:article", pk=article.pk)
    else:
        findings, refused = [], True
    return render(
        request,
        "publicity/article_form.html",
        {"nav": NAV, "tab": "articles", "form": form, "article": article, "findings": findings, "refused": refused},
    )


@login_required
@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_for(request, pk)
    return render(request, "publicity/article_detail.html", detail_context(request, article))


def detail_context(request: HttpRequest, article: Article, **extra: Any) -> dict[str, Any]:
    blocking = [f for f in article.scan_findings if f.get("severity") == "block"]
    warnings = [f for f in article.scan_findings if f.get("severity") != "block"]
    return {
        "nav": NAV,
        "tab": "articles",
        "article": article,
        "actions": permissions.article_actions(request.user, article),
        "events": selectors.events_of(article),
        "overrides": article.overrides.select_related("by"),
        "images": article.images.all(),
        "blocking": blocking,
        "warnings": warnings,
        "scan_current": article.scan_is_current,
        "comment_form": CommentForm(),
        "override_form": OverrideForm(),
        "image_form": ImageForm(),
        **extra,
    }
