"""Every write of the liaison app, one function per use case."""

from .lectures import (
    attendance_set,
    lecture_create,
    lecture_mark_held,
    material_add,
    request_decline,
    request_file,
)
from .points import followup_close, point_create, point_update, visit_log

__all__ = [
    "attendance_set",
    "followup_close",
    "lecture_create",
    "lecture_mark_held",
    "material_add",
    "point_create",
    "point_update",
    "request_decline",
    "request_file",
    "visit_log",
]
