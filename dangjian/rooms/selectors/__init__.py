"""Reads of the activity-room module, always scoped to what the user may see."""

from .figures import overdue_in, standardized_in, standardized_per_org
from .lists import (
    RoomFilters,
    TaskFilters,
    rectification_rows,
    room_rows,
    room_summary,
    visible_inspections,
    visible_photos,
    visible_rectifications,
    visible_rooms,
)

__all__ = [
    "RoomFilters",
    "TaskFilters",
    "overdue_in",
    "rectification_rows",
    "room_rows",
    "room_summary",
    "standardized_in",
    "standardized_per_org",
    "visible_inspections",
    "visible_photos",
    "visible_rectifications",
    "visible_rooms",
]
