"""Every liaison route as each named user sees it (see dangjian.core.permission_matrix).

prepare() builds the committee's organ with a cadre, a liaison point in A's
branch with a visit and an open follow-up, a held lecture there with one
attendee and a material, and a request from that branch. Committee staff run
everything; A's administrator reads A's records and files requests; B's
administrator sees the lists (of B, empty) but nothing of A; members and
outsiders get a recorded 404.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.core.testing import UnitFactory, make_org
from dangjian.liaison import services
from dangjian.liaison.models import FollowUp, FollowUpStatus, LectureMaterial
from dangjian.orgs.models import OrgKind

from .helpers import person

PDF = b"%PDF-1.7\n%liaison\n"
STAFF_POST = {"staff": 302}


def _media(case: Any) -> None:
    """Keep the material's file out of the real media folder (another app may have moved it already)."""
    if Path(settings.MEDIA_ROOT).resolve() == (Path(settings.VAR_DIR) / "media").resolve():
        folder = tempfile.mkdtemp(prefix="dangjian-media-")
        override = override_settings(MEDIA_ROOT=folder)
        override.enable()
        case.addCleanup(shutil.rmtree, folder, True)
        case.addCleanup(override.disable)


def prepare(case: Any) -> dict[str, object]:
    _media(case)
    w = case.w
    today = timezone.localdate()
    unit = UnitFactory(name=w.committee.name)
    office = make_org("GW01", "市直属机关工委机关党支部", OrgKind.BRANCH, w.committee, units=[unit])
    w.refresh()
    cadre = person(name="王书记", org=office, unit=unit)
    point = services.point_create(cadre=cadre, org=w.branch_a1, started_on=today - dt.timedelta(days=30))
    visit = services.visit_log(point=point, visited_on=today, found="情况", followups=["整改"])
    item = visit.followups.get()
    lecture = services.lecture_create(topic="党章", lecturer="王教授", org=w.branch_a1, held_on=today)
    services.lecture_mark_held(lecture=lecture)
    services.attendance_set(lecture=lecture, members=[w.person_a])
    material = LectureMaterial(lecture=lecture, name="课件.pdf", size=len(PDF), content_type="application/pdf")
    material.file.save("课件.pdf", ContentFile(PDF), save=False)
    material.save()
    req = services.request_file(org=w.branch_a1, topic="发展党员")

    def reopen() -> None:
        FollowUp.objects.filter(pk=item.pk).update(status=FollowUpStatus.OPEN, closed_at=None)

    case.before_each["liaison:followup_close"] = reopen
    return {
        "l_point": point.pk,
        "l_item": item.pk,
        "l_lecture": lecture.pk,
        "l_material": material.pk,
        "l_request": req.pk,
    }


P = "/liaison/points/{l_point}"
L = "/liaison/lectures/{l_lecture}"
ROWS = {
    "liaison:points": page("/liaison/points/", **STAFF_AND_ADMINS),
    "liaison:point_new": page("/liaison/points/new/", staff=200),
    "liaison:point_detail": page(f"{P}/", **IN_A),
    "liaison:point_edit": page(f"{P}/edit/", staff=200),
    "liaison:visit_new": page(f"{P}/visits/new/", staff=200),
    "liaison:followup_close": page("/liaison/followups/{l_item}/close/", method="POST", **STAFF_POST),
    "liaison:visits": page("/liaison/visits/", **STAFF_AND_ADMINS),
    "liaison:unvisited": page("/liaison/unvisited/", **STAFF_AND_ADMINS),
    "liaison:lectures": page("/liaison/lectures/", **STAFF_AND_ADMINS),
    "liaison:lecture_new": page("/liaison/lectures/new/", staff=200),
    "liaison:lecture_detail": page(f"{L}/", **IN_A),
    "liaison:lecture_held": page(f"{L}/held/", method="POST", **STAFF_POST),
    "liaison:lecture_attendance": page(f"{L}/attendance/", staff=200),
    "liaison:material_upload": page(f"{L}/materials/", method="POST", **STAFF_POST),
    "liaison:material_download": page("/liaison/materials/{l_material}/", **IN_A),
    "liaison:attendances": page("/liaison/attendances/", **STAFF_AND_ADMINS),
    "liaison:requests": page("/liaison/requests/", **STAFF_AND_ADMINS),
    "liaison:request_new": page("/liaison/requests/new/", **STAFF_AND_ADMINS),
    "liaison:request_schedule": page("/liaison/requests/{l_request}/schedule/", staff=200),
    "liaison:request_decline": page("/liaison/requests/{l_request}/decline/", method="POST", **STAFF_POST),
    "api-v1:liaison_points": api("/api/v1/liaison/points", **STAFF_AND_ADMINS),
    "api-v1:liaison_unvisited": api("/api/v1/liaison/unvisited", **STAFF_AND_ADMINS),
    "api-v1:liaison_lectures": api("/api/v1/liaison/lectures", **STAFF_AND_ADMINS),
}
