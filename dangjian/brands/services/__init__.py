"""Every write of the brand module: one transaction each, audited (auditlog), refusals typed.

plans.py        plans, stages, batches, a batch's reviewers
submissions.py  an organization's draft, logo, evidence, submission (a version each time), return
gate.py         the content-security gate on a brand's name and texts
review.py       scores, on-site visits, the selection on notice, recognition
living.py       the yearly re-evaluation (keep, downgrade, revoke) and training and exchange events
"""

from .living import exchange_record, reevaluation_confirm, reevaluation_decide, reevaluation_withdraw
from .plans import batch_create, plan_create, reviewer_add, reviewer_candidates, stage_add
from .review import batch_recognize, batch_select, batch_start_review, own_unit_of, score_record, visit_record
from .submissions import brand_create, brand_return, brand_submit, brand_update, evidence_add, evidence_remove

__all__ = [
    "batch_create",
    "batch_recognize",
    "batch_select",
    "batch_start_review",
    "brand_create",
    "brand_return",
    "brand_submit",
    "brand_update",
    "evidence_add",
    "evidence_remove",
    "exchange_record",
    "own_unit_of",
    "plan_create",
    "reevaluation_confirm",
    "reevaluation_decide",
    "reevaluation_withdraw",
    "reviewer_add",
    "reviewer_candidates",
    "score_record",
    "stage_add",
    "visit_record",
]
