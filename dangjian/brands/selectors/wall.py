"""The public showcase: recognized brands (a revoked one leaves the wall), for anyone to read."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import LISTED, Brand


def wall_brands() -> QuerySet[Brand]:
    return (
        Brand.objects.filter(status__in=LISTED)
        .select_related("org", "batch")
        .only(
            "id",
            "name",
            "slogan",
            "meaning",
            "logo_thumb",
            "status",
            "recognized_at",
            "org__name",
            "batch__name",
            "batch__year",
        )
        .order_by("-recognized_at", "org__path")
    )


def wall_brand(pk: int) -> Brand | None:
    return Brand.objects.filter(status__in=LISTED, pk=pk).select_related("org", "batch").first()


def verify(token: str) -> Brand | None:
    """The brand a certificate's verify link names (any state: a revoked one says so)."""
    return Brand.objects.select_related("org", "batch").filter(verify_token=token).exclude(certificate_no="").first()


def related_articles(brand: Brand, most: int = 5) -> list[Any]:
    """Published articles of the brand's organization or naming the brand, through the publicity app's
    public selector (what anyone may read), newest first."""
    from dangjian.publicity.selectors import public_articles

    return list(public_articles().filter(Q(org_id=brand.org_id) | Q(title__contains=brand.name))[:most])


def _recent_years() -> tuple[int, int]:
    year = timezone.localdate().year
    return year, year - 1


def related_activities(brand: Brand, most: int = 5) -> list[Any]:
    """The volunteer activities of the brand's organization (its subtree) this year and last, newest
    first, through the volunteer app's read-only selector (rows, not its models)."""
    from dangjian.volunteer.selectors import activities_of_org

    found: list[Any] = []
    for year in _recent_years():
        found += activities_of_org(brand.org, year, most=most - len(found))
        if len(found) >= most:
            break
    return found


def related_training(brand: Brand, most: int = 5) -> list[Any]:
    """The training the brand's organization ran or took part in this year and last, newest first,
    through the study app's read-only selector (rows, not its models)."""
    from dangjian.study.selectors.for_apps import training_of_org

    found: list[Any] = []
    for year in _recent_years():
        found += training_of_org(brand.org, year, most=most - len(found))
        if len(found) >= most:
            break
    return found
