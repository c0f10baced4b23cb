"""The steps of an article, each a POST that answers with a redirect to the article's page.

Who may take a step is checked here (a recorded 404 otherwise); whether the
step fits the article's state, and the gate, are the service's business: its
refusal comes back as a message on the article's page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dangjian.core import scoping
from dangjian.core.web import flash_errors

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..forms import CommentForm, ImageForm, OverrideForm
from ..models import Article
from ..services import articles as services
from ..services import gate, images
from .articles import article_for_change
from .common import gate_message


def _for_review(request: HttpRequest, pk: int, action: str) -> Article:
    article = selectors.article_for(request, pk)
    if not permissions.can_review(request.user, article.org):
        raise scoping.deny(request, Article, {"pk": pk, "action": action}, exists=True, org=article.org_id)
    return article


def _run(request: HttpRequest, article: Article, step: Callable[[], object], done: str) -> HttpResponse:
    try:
        outcome = step()
    except ValidationError as e:
        flash_errors(request, e)
    else:
        if isinstance(outcome, gate.GateOutcome) and not outcome.passed:
            messages.error(request, gate_message(outcome.blocking))
        else:
            messages.success(request, done)
            if isinstance(outcome, gate.GateOutcome) and outcome.warnings:
                messages.warning(
                    request, f"内容安全检查有 {len(outcome.warnings)} 条提示（如白名单以外的链接），请审核人员留意。"
                )
    return redirect("publicity:article", pk=article.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_for_change(request, pk)
    return _run(request, article, lambda: services.article_submit(article=article, by=request.user), "已提交审核。")


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    article = _for_review(request, pk, "approve")
    return _run(request, article, lambda: services.article_approve(article=article, by=request.user), "已审核通过。")


@login_required
@require_POST
def return_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = _for_review(request, pk, "return")
    form = CommentForm(request.POST)
    comment = form.data.get("comment", "")
    return _run(
        request,
        article,
        lambda: services.article_return(article=article, by=request.user, comment=comment),
        "已退回编辑修改。",
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    article = _for_review(request, pk, "publish")
    return _run(request, article, lambda: services.article_publish(article=article, by=request.user), "已发布。")


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    article = _for_review(request, pk, "withdraw")
    reason = CommentForm(request.POST).data.get("comment", "")
    return _run(
        request, article, lambda: services.article_withdraw(article=article, by=request.user, reason=reason), "已撤回。"
    )


@login_required
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    article = _for_review(request, pk, "override")
    reason = OverrideForm(request.POST).data.get("reason", "")
    return _run(
        request,
        article,
        lambda: gate.article_override(article=article, by=request.user, reason=reason),
        "已确认放行，理由已记入流转记录和审计日志。",
    )


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_for_change(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("publicity:article", pk=article.pk)
    upload = form.cleaned_data["image"]
    data = upload.read(PublicitySettings.current().image_max_bytes + 1)
    return _run(
        request,
        article,
        lambda: images.image_add(
            article=article, by=request.user, data=data, name=upload.name, alt=form.cleaned_data["alt"]
        ),
        "图片已上传，并已添加到正文末尾。",
    )
