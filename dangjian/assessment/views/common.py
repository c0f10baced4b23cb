"""What the assessment pages share: look-ups that 404 (recorded) out of reach."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from .. import permissions, selectors
from ..models import Category, Indicator, Objection, OrgResult, ResultSet, Scheme

NAV = "assessment"


def require_user(request: HttpRequest, page: str) -> None:
    if not permissions.uses_assessment(request.user):
        raise scoping.deny(request, Scheme, {"page": page}, exists=True)


def scheme_or_404(request: HttpRequest, pk: int, *, manage: bool = False) -> Scheme:
    scheme = scoping.get_visible_or_404(request, selectors.visible_schemes(request.user), pk=pk)
    if manage and not permissions.manages_scheme(request.user, scheme):
        raise scoping.deny(request, Scheme, {"pk": pk, "action": "manage"}, exists=True, org=scheme.committee_id)
    return scheme


def category_or_404(request: HttpRequest, pk: int) -> Category:
    category = scoping.get_visible_or_404(
        request, Category.objects.filter(scheme__in=selectors.visible_schemes(request.user)), pk=pk
    )
    if not permissions.manages_scheme(request.user, category.scheme):
        raise scoping.deny(request, Category, {"pk": pk}, exists=True)
    return category


def indicator_or_404(request: HttpRequest, pk: int) -> Indicator:
    qs = Indicator.objects.filter(category__scheme__in=selectors.visible_schemes(request.user))
    return scoping.get_visible_or_404(request, qs.select_related("category__scheme__committee"), pk=pk)


def org_or_404(request: HttpRequest, scheme: Scheme, code: str) -> Organization:
    """An organization the scheme rates, within the user's reach."""
    from ..services import assessed_orgs

    visible = scoping.visible_orgs(request.user).filter(pk__in=assessed_orgs(scheme).values("pk"))
    return scoping.get_visible_or_404(request, visible, code=code)


def result_set_or_none(scheme: Scheme) -> ResultSet | None:
    return ResultSet.objects.filter(scheme=scheme).first()


def result_or_404(request: HttpRequest, pk: int) -> OrgResult:
    qs = selectors.visible_results(request.user).select_related("org", "result_set__scheme__committee")
    result = scoping.get_visible_or_404(request, qs, pk=pk)
    if result.result_set.status == "computed" and not permissions.manages_scheme(
        request.user, result.result_set.scheme
    ):
        raise scoping.deny(request, OrgResult, {"pk": pk, "status": "computed"}, exists=True, org=result.org_id)
    return result


def objection_or_404(request: HttpRequest, pk: int) -> Objection:
    qs = selectors.visible_objections(request.user).select_related("result__result_set__scheme__committee")
    objection = scoping.get_visible_or_404(request, qs, pk=pk)
    if not permissions.manages_scheme(request.user, objection.result.result_set.scheme):
        raise scoping.deny(request, Objection, {"pk": pk, "action": "answer"}, exists=True)
    return objection
