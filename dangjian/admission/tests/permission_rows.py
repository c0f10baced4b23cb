"""Every admission route as each named user sees it (see dangjian.core.permission_matrix).

prepare() opens a case in A's first branch (application last month, the talk held).
Committee staff and A's administrator see and keep it; B's administrator sees the
pipeline pages (of B) but nothing of A; members and outsiders get a recorded 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dangjian.admission import services
from dangjian.admission.models import StepKind
from dangjian.admission.services import StepData
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.core.testing import make_id_number

from .helpers import media, pdf


def prepare(case: Any) -> dict[str, object]:
    w = case.w
    media(case)
    today = timezone.localdate()
    opened = services.case_open(
        org=w.branch_a1, name="孙悦", id_number=make_id_number(dt.date(1998, 5, 1), serial=11),
        applied_on=today - dt.timedelta(days=20),
    )  # fmt: skip
    talk = services.step_record(
        case=opened, kind=StepKind.TALK, done_on=today, data=StepData(note="谈话"), files=[pdf()]
    )
    return {"a_case": opened.pk, "talk": talk.pk, "file": talk.files.get().pk}


C = "/admission/cases/{a_case}"
ROWS = {
    "admission:overview": page("/admission/", **STAFF_AND_ADMINS),
    "admission:branch": page("/admission/branches/A01/", **IN_A),
    "admission:export": page("/admission/export/", **STAFF_AND_ADMINS),
    "admission:case_new": page("/admission/cases/new/", **STAFF_AND_ADMINS),
    "admission:case": page(f"{C}/", **IN_A),
    "admission:step_new": page(f"{C}/steps/activist/", **IN_A),
    "admission:step_correct": page(f"{C}/steps/{{talk}}/correct/", **IN_A),
    "admission:step_withdraw": page(f"{C}/steps/{{talk}}/withdraw/", **IN_A),
    "admission:file": page("/admission/files/{file}/", **IN_A),
    "admission:applicants": page("/admission/applicants/", **STAFF_AND_ADMINS),
    "admission:activists": page("/admission/activists/", **STAFF_AND_ADMINS),
    "admission:candidates": page("/admission/candidates/", **STAFF_AND_ADMINS),
    "admission:admitted": page("/admission/admitted/", **STAFF_AND_ADMINS),
    "admission:converted": page("/admission/converted/", **STAFF_AND_ADMINS),
    "api-v1:admission_pipeline": api("/api/v1/admission/pipeline", **STAFF_AND_ADMINS),
    "api-v1:admission_quarters": api("/api/v1/admission/quarters", **STAFF_AND_ADMINS),
}
