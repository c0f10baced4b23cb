"""The admission rules' numbers (发展党员工作细则 2014); settings.DANGJIAN = {"admission": {...}} overrides them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import DOCUMENT_KINDS, MB


@dataclass(frozen=True)
class AdmissionSettings(AppSettings):
    SECTION: ClassVar[str] = "admission"
    # An applicant is at least this old on the day the application is received.
    min_age: int = 18
    # The branch sends someone to talk with the applicant within this many days of the application.
    talk_within_days: int = 30
    # Contact persons (培养联系人) of an activist and sponsors (入党介绍人) of a candidate.
    contacts_required: int = 2
    sponsors_required: int = 2
    # Education and observation of an activist before listing as development candidate (发展对象).
    observation_months: int = 12
    # A record of education and observation (培养考察记录) is due every this many months …
    record_every_months: int = 3
    # … and this many are required before listing (and, during probation, before conversion).
    observation_records_required: int = 4
    probation_records_required: int = 4
    # Concentrated training of a candidate: at least this many days or this many class hours.
    training_min_days: int = 3
    training_min_hours: int = 24
    # Public notice (公示) runs at least this many days before the general meeting votes.
    notice_days: int = 5
    # The upper committee approves within this many months of the general meeting's vote; a later
    # approval is refused. 0 lifts the limit (a late approval is then recorded and shown as late).
    approval_within_months: int = 3
    # Probation (预备期) and its longest extension.
    probation_months: int = 12
    max_extension_months: int = 12
    # The branch page warns this many days before a probation ends.
    probation_warning_days: int = 30
    # Uploaded documents of a case (application letter, talk record, review materials, tally scan …):
    # the kinds core.uploads.check_file accepts (type from the bytes), the size cap and how many per step.
    file_kinds: tuple[str, ...] = DOCUMENT_KINDS
    file_max_bytes: int = 20 * MB
    max_files_per_step: int = 10
