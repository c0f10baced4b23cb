from auditlog.registry import auditlog

from .checklist import Checklist, ChecklistItem
from .rooms import Inspection, InspectionKind, Photo, Rectification, RectificationStatus, Room, Verdict

__all__ = [
    "Checklist",
    "ChecklistItem",
    "Inspection",
    "InspectionKind",
    "Photo",
    "Rectification",
    "RectificationStatus",
    "Room",
    "Verdict",
]

auditlog.register(Checklist)
auditlog.register(ChecklistItem)
auditlog.register(Room, exclude_fields=["latest_inspection"])
auditlog.register(Inspection)
auditlog.register(Verdict)
auditlog.register(Photo)
auditlog.register(Rectification)
