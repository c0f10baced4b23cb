"""Reads of the assessment module, always scoped to what the user may see."""

from .figures import Figure, figures_beside, rated_in
from .lists import (
    in_force,
    org_marks,
    pending_reviews,
    result_rows,
    schemes_for,
    visible_evidence,
    visible_objections,
    visible_results,
    visible_schemes,
    visible_self_marks,
)

__all__ = [
    "Figure",
    "figures_beside",
    "in_force",
    "org_marks",
    "pending_reviews",
    "rated_in",
    "result_rows",
    "schemes_for",
    "visible_evidence",
    "visible_objections",
    "visible_results",
    "visible_schemes",
    "visible_self_marks",
]
