"""Every write of the transfers app, one function per use case."""

from .flow import flow_end, flow_start
from .letters_in import in_letter_place, in_letter_receive, in_letter_return
from .letters_out import (
    letter_cancel,
    letter_expire,
    letter_issue,
    letter_number,
    letter_record_receipt,
    letters_expire_overdue,
)

__all__ = [
    "flow_end",
    "flow_start",
    "in_letter_place",
    "in_letter_receive",
    "in_letter_return",
    "letter_cancel",
    "letter_expire",
    "letter_issue",
    "letter_number",
    "letter_record_receipt",
    "letters_expire_overdue",
]
