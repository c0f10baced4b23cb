"""Every write of the evaluation module: one transaction each, audited, refusals typed.

rounds.py   starting and closing a round, its evaluators
ballots.py  casting a secret ballot by a personal link
reports.py  the secretary's yearly report
talks.py    the formal talk with a secretary rated 一般 or 差
"""

from .ballots import BALLOT_CAST, ballot_cast
from .reports import report_save
from .rounds import (
    close_due_rounds,
    evaluator_add,
    evaluator_remove,
    evaluator_renew_link,
    evaluators_add,
    round_close,
    round_create,
)
from .talks import talk_close, talk_record

__all__ = [
    "BALLOT_CAST",
    "ballot_cast",
    "close_due_rounds",
    "evaluator_add",
    "evaluator_remove",
    "evaluator_renew_link",
    "evaluators_add",
    "report_save",
    "round_close",
    "round_create",
    "talk_close",
    "talk_record",
]
