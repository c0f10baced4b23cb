"""Every write of the activity-room module: one transaction each, audited (auditlog), refusals typed."""

from .checklist import checklist_current, checklist_item_add, checklist_item_remove, checklist_item_update
from .inspections import VerdictIn, inspection_record, open_rectifications, recheck_items, recheck_record
from .rooms import room_register, room_update

__all__ = [
    "VerdictIn",
    "checklist_current",
    "checklist_item_add",
    "checklist_item_remove",
    "checklist_item_update",
    "inspection_record",
    "open_rectifications",
    "recheck_items",
    "recheck_record",
    "room_register",
    "room_update",
]
