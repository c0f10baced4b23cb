"""Attendance marks as the forms and imports give them, checked, and written in bulk with their audit entries.

Marking a joint session writes hundreds of rows at once: they go in with
bulk_create/bulk_update, which bypass auditlog's signals, so the entries
auditlog would have written are built here (core.importing.trail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from dangjian.core import registry
from dangjian.core.importing import AuditContext, audit_value, save_audit_entries
from dangjian.core.models import AuditEntry

from ..errors import BadMarks
from ..models import NEEDS_REASON, Mark

REASON_MAX = 200


@dataclass(frozen=True)
class MarkIn:
    status: str
    reason: str = ""


def check_marks(marks: Mapping[int, MarkIn], names: Mapping[int, str]) -> dict[int, MarkIn]:
    """MARKS (person id → mark) cleaned; ValidationError listing every bad one by name."""
    errors: list[str] = []
    cleaned: dict[int, MarkIn] = {}
    for pid, mark in marks.items():
        who = names.get(pid, str(pid))
        reason = (mark.reason or "").strip()
        if mark.status not in Mark.values:
            errors.append(f"{who}：出勤状态无效")
            continue
        if mark.status in NEEDS_REASON and not reason:
            errors.append(f"{who}：{Mark(mark.status).label}须填写原因")
        if len(reason) > REASON_MAX:
            errors.append(f"{who}：原因最多{REASON_MAX}字")
        # A reason belongs to an absence only; one left over from an earlier mark is dropped.
        cleaned[pid] = MarkIn(mark.status, reason if mark.status in NEEDS_REASON else "")
    if errors:
        raise ValidationError([BadMarks(e) for e in errors])
    return cleaned


def write_rows(
    *,
    model: Any,
    new: Sequence[Any],
    changed: Sequence[Any],
    before: Mapping[int, Mapping[str, Any]],
    fields: Iterable[str],
    org_id: int | None,
    actor: Any,
) -> None:
    """Insert NEW and save FIELDS of CHANGED (whose old values are in BEFORE by pk), with audit entries."""
    fields = list(fields)
    context = AuditContext(actor=actor)
    ct = ContentType.objects.get_for_model(model)
    entries = []
    if new:
        model.objects.bulk_create(new, batch_size=500)  # primary keys come back (RETURNING)
        for obj in new:
            changes = {f: ["None", audit_value(getattr(obj, _attname(model, f)))] for f in _create_fields(model)}
            entries.append(
                context.entry(obj, action=AuditEntry.Action.CREATE, changes=changes, org_id=org_id, content_type=ct)
            )
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)
        for obj in changed:
            old = before[obj.pk]
            changes = {
                f: [audit_value(old[f]), audit_value(getattr(obj, f))] for f in fields if old[f] != getattr(obj, f)
            }
            entries.append(
                context.entry(obj, action=AuditEntry.Action.UPDATE, changes=changes, org_id=org_id, content_type=ct)
            )
    save_audit_entries(entries)
    if new or changed:
        registry.figures_changed(model._meta.app_label)  # bulk writes send no signals


def _create_fields(model: Any) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def _attname(model: Any, name: str) -> str:
    return model._meta.get_field(name).attname
