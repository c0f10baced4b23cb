"""The public showcase (logo wall, a brand's story) and the certificate check: open to anyone."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from .common import file_response


@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    return render(request, "brands/public/wall.html", {"brands": selectors.wall_brands()})


@require_GET
def wall_brand(request: HttpRequest, pk: int) -> HttpResponse:
    brand = selectors.wall_brand(pk)
    if brand is None:
        raise Http404("未找到该品牌。")
    exchanges = brand.presentations.select_related("event").order_by("-event__held_on")
    return render(
        request,
        "brands/public/brand.html",
        {
            "brand": brand,
            "presentations": exchanges,
            "articles": selectors.related_articles(brand),
            "activities": selectors.related_activities(brand),
            "training": selectors.related_training(brand),
        },
    )


@require_GET
def wall_logo(request: HttpRequest, pk: int) -> HttpResponseBase:
    brand = selectors.wall_brand(pk)
    if brand is None or not brand.logo:
        raise Http404("未找到该品牌。")
    thumb = request.GET.get("size") == "thumb"
    return file_response(brand.logo_thumb if thumb else brand.logo, brand.logo_type, public=True)


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    brand = selectors.verify(token)
    if brand is None:
        raise Http404("未找到该认定证书。")
    return render(request, "brands/public/verify.html", {"brand": brand})
