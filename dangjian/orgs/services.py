"""Writes to the organization tree. Each function is one use case, atomic."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .conf import OrgsSettings
from .models import (
    ALLOWED_CHILDREN,
    AffiliationChange,
    Election,
    Organization,
    OrgKind,
    TermExtension,
    Unit,
    add_years,
)


def check_parent(*, kind: str, parent: Organization | None) -> None:
    """Raise ValidationError (in Chinese) when an organization of KIND may not sit under PARENT."""
    label = OrgKind(kind).label
    if parent is None:
        if kind != OrgKind.COMMITTEE:
            raise ValidationError(f"{label}必须有上级组织")
        return
    if kind not in ALLOWED_CHILDREN[parent.kind]:
        raise ValidationError(f"{OrgKind(parent.kind).label}下不能设立{label}")


def units_by_name(names: Iterable[str]) -> list[Unit]:
    units = []
    for name in names:
        name = name.strip()
        if name:
            unit, _ = Unit.objects.get_or_create(name=name)
            units.append(unit)
    return units


@transaction.atomic
def org_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None,
    founded_on: dt.date | None = None,
    unit_names: Iterable[str] = (),
    has_branch_committee: bool = False,
    approval_doc: str = "",
    term_years: int | None = None,
) -> Organization:
    check_parent(kind=kind, parent=parent)
    if Organization.objects.filter(code=code).exists():
        raise ValidationError(f"组织编码 {code} 已存在")
    fields = dict(
        code=code,
        name=name,
        kind=kind,
        founded_on=founded_on,
        has_branch_committee=has_branch_committee,
        approval_doc=approval_doc,
        term_years=term_years,
    )
    org = Organization.objects.add_root(fields) if parent is None else Organization.objects.add_child(parent, fields)
    org.units.set(units_by_name(unit_names))
    return org


UPDATABLE_FIELDS = ("name", "kind", "founded_on", "has_branch_committee", "approval_doc", "term_years")


@transaction.atomic
def org_update(
    *, org: Organization, changes: dict[str, object], unit_names: Iterable[str] | None = None
) -> Organization:
    """Change ORG's own fields (not its place in the tree: that is `org_move`)."""
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"not updatable here: {sorted(unknown)}")
    if "kind" in changes and changes["kind"] != org.kind:
        kind = str(changes["kind"])
        check_parent(kind=kind, parent=Organization.objects.get_parent(org))
        for child in Organization.objects.get_children(org):
            if child.kind not in ALLOWED_CHILDREN[kind]:
                raise ValidationError(f"{org.name}下设有{child.get_kind_display()}，不能改为{OrgKind(kind).label}")
    for name, value in changes.items():
        setattr(org, name, value)
    if changes:
        org.save(update_fields=list(changes))
    if unit_names is not None:
        org.units.set(units_by_name(unit_names))
    return org


@transaction.atomic
def org_move(
    *, org: Organization, new_parent: Organization, changed_on: dt.date, reason: str, doc_number: str
) -> AffiliationChange:
    """Move ORG (with its subtree) under NEW_PARENT and record the change of affiliation."""
    org.refresh_from_db()
    new_parent.refresh_from_db()
    if not reason.strip() or not doc_number.strip():
        raise ValidationError("隶属关系调整须填写调整原因和文号")
    if new_parent.path.startswith(org.path):
        raise ValidationError("不能将组织调整到其自身或下级组织之下")
    old_parent = Organization.objects.get_parent(org)
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise ValidationError("新上级与原上级相同")
    check_parent(kind=org.kind, parent=new_parent)
    Organization.objects.move(org, new_parent, pos="sorted-child")
    return AffiliationChange.objects.create(
        org=org,
        from_parent=old_parent,
        to_parent=new_parent,
        from_parent_name=old_parent.name if old_parent else "",
        to_parent_name=new_parent.name,
        changed_on=changed_on,
        reason=reason.strip(),
        doc_number=doc_number.strip(),
    )


def current_election(org: Organization) -> Election | None:
    return org.elections.order_by("-held_on", "-id").first()


@transaction.atomic
def election_record(
    *,
    org: Organization,
    held_on: dt.date,
    term_years: int | None = None,
    seats: int | None = None,
    candidates: int | None = None,
    adjustment: str = "",
    approval_doc: str = "",
    notes: str = "",
) -> Election:
    """Record an election; advancing or delaying it needs an approval document and at most a year's shift."""
    if not org.has_terms:
        raise ValidationError(f"{org.get_kind_display()}不实行任期制，无需换届")
    if seats is not None and candidates is not None:
        surplus = OrgsSettings.current().surplus_percent
        if candidates < min_candidates(seats):
            raise ValidationError(
                f"候选人数应多于应选人数的{surplus}%（应选{seats}人，候选人至少{min_candidates(seats)}人）"
            )
    previous = current_election(org)
    if previous is not None and held_on <= previous.held_on:
        raise ValidationError(f"选举日期须晚于上次选举（{previous.held_on:%Y-%m-%d}）")
    if adjustment:
        if not approval_doc.strip():
            raise ValidationError("提前或延期换届须经上级批准，请填写批复文号")
        if previous is not None and previous.due_on is not None:
            limit = OrgsSettings.current().term_max_delay_years
            if abs((held_on - previous.due_on).days) > 366 * limit:
                raise ValidationError(f"提前或延期换届一般不超过{limit}年")
    election = Election(
        org=org,
        held_on=held_on,
        term_years=term_years,
        seats=seats,
        candidates=candidates,
        adjustment=adjustment,
        approval_doc=approval_doc.strip(),
        notes=notes,
    )
    election.full_clean()
    election.save()
    return election


def min_candidates(seats: int) -> int:
    """The fewest candidates for SEATS: seats plus the configured surplus (20%), rounded up."""
    return math.ceil(round(seats * (1 + OrgsSettings.current().candidate_surplus), 6))


@transaction.atomic
def term_extend(
    *, org: Organization, extended_to: dt.date, approved_on: dt.date, doc_number: str, reason: str
) -> TermExtension:
    """Record the upper level's approval to delay the next election (at most one year)."""
    election = current_election(org)
    if election is None or election.due_on is None:
        raise ValidationError("该组织尚无换届记录，无法办理延期")
    max_years = OrgsSettings.current().term_max_delay_years
    limit = add_years(election.due_on, max_years)
    if extended_to <= election.due_on:
        raise ValidationError(f"延期日期须晚于本届任期届满日（{election.due_on:%Y-%m-%d}）")
    if extended_to > limit:
        raise ValidationError(f"延期换届一般不超过{max_years}年，最迟至{limit:%Y-%m-%d}")
    if not doc_number.strip():
        raise ValidationError("延期换届须经上级批准，请填写批复文号")
    return TermExtension.objects.create(
        org=org,
        election=election,
        extended_to=extended_to,
        approved_on=approved_on,
        doc_number=doc_number.strip(),
        reason=reason,
    )
