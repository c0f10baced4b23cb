"""Every write of the volunteer module, one function per use case (see each file)."""

from ..errors import SignupError
from .activities import ActivityData, activity_cancel, activity_create, activity_publish, activity_update
from .certificates import certificate_issue, certificate_revoke
from .hours import attendance_mark, check_in_or_out, hours_adjust, hours_confirm, record_correct
from .signup import SignupResult, signup, signup_cancel
from .structure import (
    brigade_create,
    brigade_update,
    corps_save,
    pairing_save,
    team_create,
    team_member_add,
    team_member_remove,
    volunteer_register,
)

__all__ = [
    "ActivityData",
    "SignupError",
    "SignupResult",
    "activity_cancel",
    "activity_create",
    "activity_publish",
    "activity_update",
    "attendance_mark",
    "brigade_create",
    "brigade_update",
    "certificate_issue",
    "certificate_revoke",
    "check_in_or_out",
    "corps_save",
    "hours_adjust",
    "hours_confirm",
    "pairing_save",
    "record_correct",
    "signup",
    "signup_cancel",
    "team_create",
    "team_member_add",
    "team_member_remove",
    "volunteer_register",
]
