"""Every write of the assessment module: one transaction each, audited (auditlog), refusals typed."""

from .compute import assessed_orgs, cap_grade, points_for, results_compute
from .jobs import compute_start, current_job, interrupt_if_stale, run_compute_job
from .marks import mark_committee, mark_review, mark_self
from .results import objection_answer, objection_file, results_finalize, results_start_notice
from .schemes import (
    IndicatorIn,
    SchemeIn,
    category_add,
    category_remove,
    indicator_add,
    indicator_remove,
    indicator_update,
    latest_version,
    publish_problems,
    scheme_copy,
    scheme_create,
    scheme_publish,
    scheme_revise,
    scheme_update,
)

__all__ = [
    "IndicatorIn",
    "SchemeIn",
    "assessed_orgs",
    "cap_grade",
    "category_add",
    "category_remove",
    "compute_start",
    "current_job",
    "indicator_add",
    "indicator_remove",
    "indicator_update",
    "interrupt_if_stale",
    "latest_version",
    "mark_committee",
    "mark_review",
    "mark_self",
    "objection_answer",
    "objection_file",
    "points_for",
    "publish_problems",
    "results_compute",
    "results_finalize",
    "results_start_notice",
    "run_compute_job",
    "scheme_copy",
    "scheme_create",
    "scheme_publish",
    "scheme_revise",
    "scheme_update",
]
