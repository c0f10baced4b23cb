"""Writes to a committee's checklist. A version an inspection used is frozen: editing it starts the next."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangjian.orgs.models import Organization

from ..conf import RoomsSettings
from ..errors import BadItem, LastRequiredItem, NotCommitteeStaff
from ..models import Checklist, ChecklistItem
from ..permissions import can_edit_checklist


def checklist_current(*, committee: Organization, by: Any = None) -> Checklist:
    """The version in force (the newest); the first one, from the default 七有 items, made on first need."""
    found = Checklist.objects.filter(committee=committee).order_by("-version").first()
    if found is not None:
        return found
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=committee.pk).first()
        found = Checklist.objects.filter(committee=committee).order_by("-version").first()
        if found is not None:
            return found
        checklist = Checklist.objects.create(committee=committee, version=1, created_by=by)
        for i, (title, description, required) in enumerate(RoomsSettings.current().default_checklist, start=1):
            ChecklistItem.objects.create(
                checklist=checklist, key=f"i{i}", position=i, title=title, description=description, required=required
            )
        return checklist


def _editable(committee: Organization, by: Any) -> Checklist:
    """The version to change: the current one, or a copy of it when it is frozen."""
    if not can_edit_checklist(by, committee):
        raise NotCommitteeStaff()
    current = checklist_current(committee=committee, by=by)
    current = Checklist.objects.select_for_update().get(pk=current.pk)
    if not current.is_frozen:
        return current
    copy = Checklist.objects.create(committee=committee, version=current.version + 1, created_by=by)
    for item in current.items.all():
        ChecklistItem.objects.create(
            checklist=copy,
            key=item.key,
            position=item.position,
            title=item.title,
            description=item.description,
            required=item.required,
        )
    return copy


def _check(title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    if not title:
        raise BadItem("请填写检查项名称。", field="title")
    if len(title) > 60:
        raise BadItem("检查项名称最多 60 个字。", field="title")
    if len(description) > 300:
        raise BadItem("检查内容最多 300 个字。", field="description")
    return title, description


def _same_item(item: ChecklistItem, checklist: Checklist) -> ChecklistItem:
    """ITEM's counterpart in CHECKLIST (itself when CHECKLIST is its own version)."""
    if item.checklist_id == checklist.pk:
        return item
    found = checklist.items.filter(key=item.key).first()
    if found is None:
        raise BadItem("该检查项已不在现行标准中，请刷新页面。")
    return found


@transaction.atomic
def checklist_item_add(
    *, committee: Organization, title: str, description: str = "", required: bool = True, by: Any
) -> ChecklistItem:
    title, description = _check(title, description)
    checklist = _editable(committee, by)
    if checklist.items.filter(title=title).exists():
        raise BadItem(f"已有名为“{title}”的检查项。", field="title")
    keys = ChecklistItem.objects.filter(checklist__committee=committee).values_list("key", flat=True)
    used = [int(k[1:]) for k in keys if k[1:].isdigit()]
    position = (checklist.items.aggregate(p=Max("position"))["p"] or 0) + 1
    return ChecklistItem.objects.create(
        checklist=checklist,
        key=f"i{max(used, default=0) + 1}",
        position=position,
        title=title,
        description=description,
        required=required,
    )


@transaction.atomic
def checklist_item_update(
    *, item: ChecklistItem, title: str, description: str, required: bool, position: int, by: Any
) -> ChecklistItem:
    title, description = _check(title, description)
    if not 1 <= position <= 99:
        raise BadItem("序号应在 1 到 99 之间。", field="position")
    checklist = _editable(item.checklist.committee, by)
    item = _same_item(item, checklist)
    if checklist.items.filter(title=title).exclude(pk=item.pk).exists():
        raise BadItem(f"已有名为“{title}”的检查项。", field="title")
    if not required and item.required and not checklist.items.filter(required=True).exclude(pk=item.pk).exists():
        raise LastRequiredItem()
    item.title, item.description, item.required, item.position = title, description, required, position
    item.save()
    return item


@transaction.atomic
def checklist_item_remove(*, item: ChecklistItem, by: Any) -> Checklist:
    checklist = _editable(item.checklist.committee, by)
    item = _same_item(item, checklist)
    if item.required and not checklist.items.filter(required=True).exclude(pk=item.pk).exists():
        raise LastRequiredItem()
    item.delete()
    return checklist


def checklist_freeze(checklist: Checklist) -> None:
    """Called in the transaction of the first inspection that uses CHECKLIST."""
    if checklist.frozen_at is None:
        checklist.frozen_at = timezone.now()
        checklist.save(update_fields=["frozen_at"])
