"""Every write of the admission app, one function per use case."""

from .cases import case_open
from .corrections import step_correct, step_withdraw
from .steps import RULES, StepData, step_record

__all__ = ["RULES", "StepData", "case_open", "step_correct", "step_record", "step_withdraw"]
