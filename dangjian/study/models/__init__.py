"""Models of the study module: central-group study, training classes, organization life."""

from auditlog.registry import auditlog

from .central_group import (
    GroupKind,
    GroupRole,
    Observer,
    Session,
    SessionAttendance,
    SessionMaterial,
    SessionSpeaker,
    SessionStatus,
    StudyGroup,
    StudyGroupMember,
)
from .common import ATTENDED, MARK_BADGES, NEEDS_REASON, Mark, StoredFile
from .org_life import (
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    MeetingKind,
    MeetingTally,
    decode_counts,
    encode_counts,
)
from .training import (
    Audience,
    ClassStatus,
    DayAttendance,
    Enrolment,
    EnrolMethod,
    SignInMethod,
    TrainingClass,
    TrainingDay,
    VenueKind,
)

__all__ = [
    "ATTENDED",
    "MARK_BADGES",
    "NEEDS_REASON",
    "Audience",
    "ClassStatus",
    "DayAttendance",
    "EnrolMethod",
    "Enrolment",
    "GroupKind",
    "GroupRole",
    "Mark",
    "Meeting",
    "MeetingAttachment",
    "MeetingAttendance",
    "MeetingKind",
    "MeetingTally",
    "decode_counts",
    "encode_counts",
    "Observer",
    "Session",
    "SessionAttendance",
    "SessionMaterial",
    "SessionSpeaker",
    "SessionStatus",
    "SignInMethod",
    "StoredFile",
    "StudyGroup",
    "StudyGroupMember",
    "TrainingClass",
    "TrainingDay",
    "VenueKind",
]

auditlog.register(StudyGroup)
auditlog.register(StudyGroupMember)
auditlog.register(Session)
auditlog.register(SessionSpeaker)
auditlog.register(SessionMaterial, exclude_fields=["file"])
auditlog.register(SessionAttendance)
auditlog.register(Observer)
auditlog.register(TrainingClass)
auditlog.register(TrainingDay, exclude_fields=["token"])
auditlog.register(Enrolment)
auditlog.register(DayAttendance)
auditlog.register(Meeting)
auditlog.register(MeetingAttendance)
auditlog.register(MeetingAttachment, exclude_fields=["file"])
