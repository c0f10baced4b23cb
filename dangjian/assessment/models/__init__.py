from auditlog.registry import auditlog

from .jobs import ComputeJob, JobStatus
from .results import (
    Evidence,
    Mark,
    MarkKind,
    Objection,
    ObjectionStatus,
    OrgResult,
    ResultSet,
    ResultStatus,
    ReviewStatus,
)
from .scheme import GRADE_ORDER, Category, Component, Grade, Indicator, Rule, Scheme, SchemeStatus, Source

__all__ = [
    "GRADE_ORDER",
    "Category",
    "Component",
    "ComputeJob",
    "Evidence",
    "Grade",
    "Indicator",
    "JobStatus",
    "Mark",
    "MarkKind",
    "Objection",
    "ObjectionStatus",
    "OrgResult",
    "ResultSet",
    "ResultStatus",
    "ReviewStatus",
    "Rule",
    "Scheme",
    "SchemeStatus",
    "Source",
]

auditlog.register(Scheme, m2m_fields={"assessors"})
auditlog.register(Category)
auditlog.register(Indicator)
auditlog.register(Mark)
auditlog.register(Evidence)
auditlog.register(ResultSet)
# Computed rows are many and rewritten on each computation; the result set's entry records it.
auditlog.register(Objection)
auditlog.register(ComputeJob, exclude_fields=["steps_done", "touched_at"])
