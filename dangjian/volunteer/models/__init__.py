"""Models of the volunteer module, one file per part (structure, activities, records)."""

from auditlog.registry import auditlog

from .activities import Activity, ActivityKind, ActivityStatus, HoursAdjustment, Participation, ParticipationStatus
from .records import Certificate, CertificateStatus, RecordCorrection, ServiceRecord
from .structure import Brigade, Corps, Pairing, Team, Volunteer

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "Brigade",
    "Certificate",
    "CertificateStatus",
    "Corps",
    "HoursAdjustment",
    "Pairing",
    "Participation",
    "ParticipationStatus",
    "RecordCorrection",
    "ServiceRecord",
    "Team",
    "Volunteer",
]

auditlog.register(Corps)
auditlog.register(Brigade)
auditlog.register(Team)
auditlog.register(Volunteer)
auditlog.register(Pairing)
# The check-in secret and the arrival counter are machinery, not history.
auditlog.register(Activity, exclude_fields=["checkin_token", "signup_seq"])
# (`record`, the service record made at check-out, is its own history; auditlog would read it at every sign-up.)
auditlog.register(Participation, exclude_fields=["record"])
auditlog.register(HoursAdjustment)
auditlog.register(ServiceRecord)
auditlog.register(RecordCorrection)
auditlog.register(Certificate, exclude_fields=["id_number_enc"])
