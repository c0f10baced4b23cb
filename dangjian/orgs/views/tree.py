"""Pages of the organization tree: the tree, one organization, its three forms.

Every organization comes from `scoping.visible_orgs`; a page for committee
staff and organization administrators answers anyone else with a recorded 404.
The checks page, the exports and the statistics' record lists are in
`lists.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import registry, scoping
from dangjian.core.web import paginate
from dangjian.people.conf import PeopleSettings

from .. import compliance, detail_html, selectors, services
from ..conf import OrgsSettings
from ..forms import ElectionForm, OrgMoveForm, TermExtensionForm
from ..models import Organization, OrgKind
from ..tree_html import render_children, render_tree

TREE_MATCH_LIMIT = 100


def require_org_viewer(request: HttpRequest, page: str) -> None:
    """Committee staff and organization administrators only; anyone else gets a recorded 404."""
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Organization, {"page": page}, exists=True)


def visible_org_or_404(request: HttpRequest, code: str) -> Organization:
    return scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)


# ---------------------------------------------------------------- the tree


def _trail(row: selectors.OrgRow) -> str:
    names = []
    parent = row.parent
    while parent is not None:
        names.append(parent.org.name)
        parent = parent.parent
    return " › ".join(reversed(names))


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:tree")
    q = (request.GET.get("q") or "").strip()[:50]
    kind = request.GET.get("kind") or ""
    only_issues = request.GET.get("issues") == "1"
    searching = bool(q or kind in OrgKind.values or only_issues)
    context: dict[str, Any] = {
        "nav": "orgs",
        "searching": searching,
        "match_limit": TREE_MATCH_LIMIT,
        "q": q,
        "kind": kind,
        "only_issues": only_issues,
        "kinds": OrgKind.choices,
    }
    if searching:
        snapshot = selectors.load_snapshot(scoping.visible_orgs(request.user))
        findings = compliance.evaluate(snapshot)
        matches = []
        needle = q.lower()
        for row in snapshot.rows:
            if needle and needle not in row.org.name.lower() and needle not in row.org.code.lower():
                continue
            if kind in OrgKind.values and row.org.kind != kind:
                continue
            if only_issues and not row.findings:
                continue
            matches.append({"row": row, "trail": _trail(row)})
        context.update(
            tree_html="",
            matches=matches[:TREE_MATCH_LIMIT],
            match_count=len(matches),
            org_count=len(snapshot.rows),
            finding_count=len(findings),
        )
    else:
        context.update(_whole_tree(request, expand_all=request.GET.get("expand") == "1"))
    return render(request, "orgs/tree.html", context)


def _whole_tree(request: HttpRequest, *, expand_all: bool) -> dict[str, Any]:
    """The tree of the user's scope, its size and its findings: the same for everyone of that scope
    (every committee staff member), so kept until an organization or a person is written."""
    user = request.user

    def build() -> dict[str, Any]:
        snapshot = selectors.load_snapshot(scoping.visible_orgs(user))
        findings = compliance.evaluate(snapshot)
        return {
            "tree_html": render_tree(snapshot.rows, expand_all=expand_all),
            "org_count": len(snapshot.rows),
            "finding_count": len(findings),
        }

    parts = (scoping.scope_paths(user), expand_all, OrgsSettings.current())
    return registry.kernel_cached("orgs.tree", parts, build)


@login_required
def children(request: HttpRequest, code: str) -> HttpResponse:
    """The next level under one organization of the tree (htmx fills an opened node with it):
    each child with its counts and badges, and an on-demand list of its own if it has children."""
    require_org_viewer(request, "orgs:children")
    org = visible_org_or_404(request, code)

    def build() -> str:
        # The children and theirs: a child's checks and its expand control need its own children.
        orgs = Organization.objects.filter(selectors.subtree_q([org.path]), depth__lte=org.depth + 2)
        snapshot = selectors.load_snapshot(orgs)
        parent = snapshot.by_path[org.path]
        compliance.evaluate(snapshot, parent.children)
        return str(render_children(parent))

    # Whoever sees ORG sees its whole subtree: the same fragment for everyone.
    html = registry.kernel_cached("orgs.tree_children", (org.path, OrgsSettings.current()), build)
    return HttpResponse(html)


# ---------------------------------------------------------------- one organization


def _render_detail(request: HttpRequest, org: Organization, **forms: Any) -> HttpResponse:
    snapshot = selectors.snapshot_with_children(org)
    row = snapshot.by_path[org.path]
    findings = compliance.evaluate(snapshot, [row])
    visible_orgs = scoping.visible_orgs(request.user)
    can_manage = scoping.can_manage_org(request.user, org)
    page_size = PeopleSettings.current().member_page_size
    # Whoever sees ORG sees its whole subtree: the roster is everyone counted in its row.
    members = selectors.roster(scoping.visible_members(request.user), org)
    roster_page = paginate(request, members, page_size, count=row.total.people)
    context: dict[str, Any] = {
        "nav": "orgs",
        "org": org,
        "row": row,
        # Ancestors above the user's reach are named but not linked (their pages would 404).
        "ancestors": [(a, scoping.can_manage_org(request.user, a)) for a in selectors.ancestors(org)],
        "posts": selectors.current_posts(org),
        "elections": selectors.election_history(org),
        "extensions": selectors.extension_history(org),
        "changes": selectors.affiliation_history(org),
        "findings": findings,
        "roster": roster_page,
        "children_rows": detail_html.children_rows(row.children),
        "roster_rows": detail_html.roster_rows(roster_page.object_list),
        "can_manage": can_manage,
    }
    if can_manage:
        targets = list(selectors.move_targets(visible_orgs, org)) if org.depth > 1 else []
        context.update(
            move_targets=targets,
            move_form=forms.get("move_form") or OrgMoveForm(targets=targets),
            election_form=forms.get("election_form") or ElectionForm(),
            extension_form=forms.get("extension_form") or TermExtensionForm(),
            rules=OrgsSettings.current(),
            surplus_percent=OrgsSettings.current().surplus_percent,
        )
    return render(request, "orgs/detail.html", context)


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render_detail(request, visible_org_or_404(request, code))


def _managed_org_or_404(request: HttpRequest, code: str) -> Organization:
    org = visible_org_or_404(request, code)
    if not scoping.can_manage_org(request.user, org):
        raise scoping.deny(request, Organization, {"code": code}, exists=True, org=org)
    return org


def _service_errors(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
@require_POST
def move(request: HttpRequest, code: str) -> HttpResponse:
    org = _managed_org_or_404(request, code)
    targets = (
        selectors.move_targets(scoping.visible_orgs(request.user), org)
        if org.depth > 1
        else Organization.objects.none()
    )
    form = OrgMoveForm(request.POST, targets=targets)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = services.org_move(
                org=org,
                new_parent=targets.get(code=data["new_parent"]),
                changed_on=data["changed_on"],
                reason=data["reason"],
                doc_number=data["doc_number"],
            )
        except (ValidationError, Organization.DoesNotExist) as e:
            _service_errors(form, e if isinstance(e, ValidationError) else ValidationError("所选上级组织已不存在"))
        else:
            messages.success(request, f"已将{org.name}调整至{change.to_parent_name}之下（{change.doc_number}）。")
            return redirect("orgs:detail", code=org.code)
    messages.error(request, "隶属关系调整未保存，请按提示修改。")
    return _render_detail(request, org, move_form=form)


@login_required
@require_POST
def election_record(request: HttpRequest, code: str) -> HttpResponse:
    org = _managed_org_or_404(request, code)
    form = ElectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            election = services.election_record(
                org=org,
                held_on=data["held_on"],
                term_years=data["term_years"],
                seats=data["seats"],
                candidates=data["candidates"],
                adjustment=data["adjustment"] or "",
                approval_doc=data["approval_doc"],
                notes=data["notes"],
            )
        except ValidationError as e:
            _service_errors(form, e)
        else:
            messages.success(request, f"已登记{election.held_on:%Y-%m-%d}的换届选举。")
            return redirect("orgs:detail", code=org.code)
    messages.error(request, "换届选举未保存，请按提示修改。")
    return _render_detail(request, org, election_form=form)


@login_required
@require_POST
def term_extend(request: HttpRequest, code: str) -> HttpResponse:
    org = _managed_org_or_404(request, code)
    form = TermExtensionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            extension = services.term_extend(
                org=org,
                extended_to=data["extended_to"],
                approved_on=data["approved_on"],
                doc_number=data["doc_number"],
                reason=data["reason"],
            )
        except ValidationError as e:
            _service_errors(form, e)
        else:
            messages.success(request, f"已登记延期换届批准，延期至{extension.extended_to:%Y-%m-%d}。")
            return redirect("orgs:detail", code=org.code)
    messages.error(request, "延期换届未保存，请按提示修改。")
    return _render_detail(request, org, extension_form=form)
