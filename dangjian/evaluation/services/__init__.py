"""Every write of the evaluation module: one transaction each, audited, refusals typed.

rounds.py   starting and closing a round, its evaluators
ballots.py  casting a secret ballot by a personal link
reports.py  the secretary's yearly report
talks.py    the formal talk with a secretary rated 一般 or 差
changes.py  a later deadline, secretaries added or taken out before the first ballot, reminders
"""

from .ballots import BALLOT_CAST, ballot_cast
from .changes import evaluators_remind, reminder_from, round_set_deadline, subject_add, subject_remove, to_remind
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
    "evaluators_remind",
    "reminder_from",
    "round_set_deadline",
    "subject_add",
    "subject_remove",
    "to_remind",
    "report_save",
    "round_close",
    "round_create",
    "talk_close",
    "talk_record",
]
