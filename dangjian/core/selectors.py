"""Reads shared by the pages and the API of every app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse

from . import registry, scoping
from .manifests import manifests
from .web.params import year_param

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization


def default_org_for(user: Any) -> Organization | None:
    """The highest organization USER oversees (their committee, for committee staff)."""
    return scoping.visible_orgs(user).order_by("depth", "path").first()


def org_and_year_from(request: HttpRequest, params: Any) -> tuple[Organization | None, int]:
    """Read ?org=CODE&year=YYYY, scoped to REQUEST.user (a recorded 404 when out of reach)."""
    year = year_param(params)
    code = (params.get("org") or "").strip()
    org: Organization | None
    if code:
        org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)
    else:
        org = default_org_for(request.user)
    return org, year


def dashboard_context(user: Any, org: Organization | None, year: int) -> dict[str, Any]:
    """Every registered figure of ORG's subtree in YEAR, each linked to the records behind it."""
    figures: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []  # the figures under the name of the app that reports them
    if org is not None:
        values = registry.compute(org, year)
        owner = {m.key: manifest.label for manifest in manifests() for m in manifest.metrics}
        for metric in registry.metrics():
            link = f"{reverse(metric.records_url)}?org={org.code}&year={year}" if metric.records_url else ""
            figure = {"metric": metric, "value": values[metric.key], "link": link}
            figures.append(figure)
            label = owner.get(metric.key, "其他")
            group = next((g for g in groups if g["label"] == label), None)
            if group is None:
                group = {"label": label, "figures": []}
                groups.append(group)
            group["figures"].append(figure)
    orgs = scoping.visible_orgs(user).filter(depth__lte=2).order_by("path")
    return {
        "org": org, "year": year, "figures": figures, "groups": groups, "org_choices": orgs,
        "years": range(year + 1, year - 6, -1),
    }  # fmt: skip
