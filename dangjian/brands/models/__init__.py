from auditlog.registry import auditlog
from django.db import models

from .brands import ACTIVE, EDITABLE, ELEMENTS, LISTED, Brand, BrandEvent, BrandStatus, BrandVersion, Evidence
from .living import ExchangeEvent, ExchangeKind, Outcome, Presentation, ReevalStatus, Reevaluation
from .plans import Batch, BatchStatus, Plan, Stage, StageKind
from .review import Reviewer, Score, SiteVisit, VisitPhoto

__all__ = [
    "ACTIVE",
    "EDITABLE",
    "ELEMENTS",
    "LISTED",
    "Batch",
    "BatchStatus",
    "Brand",
    "BrandEvent",
    "BrandStatus",
    "BrandVersion",
    "Evidence",
    "ExchangeEvent",
    "ExchangeKind",
    "Outcome",
    "Plan",
    "Presentation",
    "Reevaluation",
    "ReevalStatus",
    "Reviewer",
    "Score",
    "SiteVisit",
    "Stage",
    "StageKind",
    "VisitPhoto",
]

AUDITED: tuple[type[models.Model], ...] = (
    Plan,
    Stage,
    Batch,
    Brand,
    BrandVersion,
    Evidence,
    Reviewer,
    Score,
    SiteVisit,
    VisitPhoto,
    Reevaluation,
    ExchangeEvent,
    Presentation,
)
for model in AUDITED:
    auditlog.register(model)
