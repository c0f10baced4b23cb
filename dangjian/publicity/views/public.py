"""The public party-building website (/news/): no login.

Only published articles that the re-check has not found dirty are shown;
anything else is a plain 404 (there is nothing private to protect on a
public page, and crawlers would fill the audit trail).
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from dangjian.core.web import paginate

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..models import Article, ArticleImage, Channel
from ..wechat import wechat_html


def _site() -> dict[str, object]:
    return {"site_title": PublicitySettings.current().site_title, "channels": selectors.public_channels()}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    articles = selectors.public_articles()
    channels = list(selectors.public_channels())
    latest = selectors.latest_per_channel(channels, 6)
    blocks = [{"channel": ch, "articles": latest[ch.pk]} for ch in channels if latest.get(ch.pk)]
    return render(request, "publicity/news/index.html", {**_site(), "latest": articles[:8], "blocks": blocks})


def _page(request: HttpRequest, qs):
    return paginate(request, qs, PublicitySettings.current().public_page_size)


@require_GET
def channel(request: HttpRequest, slug: str) -> HttpResponse:
    ch = get_object_or_404(Channel, slug=slug, is_active=True)
    qs = selectors.public_articles().filter(column__channel=ch)
    return render(
        request,
        "publicity/news/list.html",
        {**_site(), "channel": ch, "column": None, "columns": selectors.public_columns(ch), "page": _page(request, qs)},
    )


@require_GET
def column(request: HttpRequest, slug: str, column: str) -> HttpResponse:
    ch = get_object_or_404(Channel, slug=slug, is_active=True)
    col = get_object_or_404(ch.columns, slug=column, is_active=True)
    qs = selectors.public_articles().filter(column=col)
    return render(
        request,
        "publicity/news/list.html",
        {**_site(), "channel": ch, "column": col, "columns": selectors.public_columns(ch), "page": _page(request, qs)},
    )


def _public_article(pk: int) -> Article:
    article = selectors.public_articles().filter(pk=pk).first()
    if article is None:
        raise Http404("未找到该文章。")
    return article


@require_GET
def article(request: HttpRequest, pk: int) -> HttpResponse:
    a = _public_article(pk)
    return render(request, "publicity/news/article.html", {**_site(), "article": a, "channel": a.column.channel})


# The export is a document of its own, made of inline styles (WeChat keeps nothing
# else) and embedded images, with no script: its policy says exactly that.
WECHAT_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "script-src": ["'none'"],
    "font-src": ["'none'"],
    "connect-src": ["'none'"],
}


@require_GET
# django-csp types a view as taking the request alone; this one also takes the article's pk.
@csp_replace(WECHAT_POLICY)  # type: ignore[arg-type]
def article_wechat(request: HttpRequest, pk: int) -> HttpResponse:
    """The article as HTML with inline styles and embedded images, for the WeChat editor."""
    a = _public_article(pk)
    response = HttpResponse(wechat_html(a), content_type="text/html; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="wechat-{a.pk}.html"'
    return response


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """RSS 2.0 of the latest published articles (?channel=SLUG for one channel)."""
    qs = selectors.public_articles()
    title = PublicitySettings.current().site_title
    slug = (request.GET.get("channel") or "").strip()
    if slug:
        ch = get_object_or_404(Channel, slug=slug, is_active=True)
        qs = qs.filter(column__channel=ch)
        title = f"{title} · {ch.name}"
    rss = Rss201rev2Feed(
        title=title,
        link=request.build_absolute_uri(reverse("news:index")),
        description=f"{title}最新发布",
        language="zh-cn",
    )
    for a in qs[: PublicitySettings.current().rss_items]:
        rss.add_item(
            title=a.title,
            link=request.build_absolute_uri(reverse("news:article", kwargs={"pk": a.pk})),
            description=a.summary or strip_tags(a.body)[:200],
            pubdate=a.published_at,
            author_name=a.author or a.org.name,
            categories=[a.column.channel.name, a.column.name],
            unique_id=request.build_absolute_uri(reverse("news:article", kwargs={"pk": a.pk})),
        )
    return HttpResponse(rss.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")


@require_GET
def image(request: HttpRequest, pk: int) -> FileResponse:
    """An article's image: public once the article is; before that, for those who may see the article."""
    img = get_object_or_404(ArticleImage.objects.select_related("article__org"), pk=pk)
    article = img.article
    visible = article.is_public or (
        request.user.is_authenticated
        and permissions.scoped(request.user, Article.objects.filter(pk=article.pk)).exists()
    )
    if not visible:
        raise Http404("未找到该图片。")
    response = FileResponse(img.file.open("rb"), content_type=img.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if article.is_public else "private, no-store"
    return response
