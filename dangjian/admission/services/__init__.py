"""Every write of the admission app, one function per use case."""

from .cases import case_open
from .steps import RULES, StepData, step_record

__all__ = ["RULES", "StepData", "case_open", "step_record"]
