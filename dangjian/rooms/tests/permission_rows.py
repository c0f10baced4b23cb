"""Every activity-room route as each named user sees it (see dangjian.core.permission_matrix).

prepare() registers a room in A (inspected, one item failed with an open
rectification task and a photo) and one in B. Committee staff and the
administrators of A and B see the lists; a room and what hangs on it is seen by
those over its organization; only committee staff change the checklist.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.rooms import services
from dangjian.rooms.services import VerdictIn

from .helpers import all_pass, fail, make_room, png


def _media(case: Any) -> None:
    """Photos go to a throwaway folder (unless another app's prepare() already pointed MEDIA_ROOT at one)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    if Path(settings.MEDIA_ROOT).resolve() == (Path(settings.VAR_DIR) / "media").resolve():
        folder = tempfile.mkdtemp(prefix="dangjian-rooms-")
        override = override_settings(MEDIA_ROOT=folder)
        override.enable()
        case.addCleanup(shutil.rmtree, folder, True)
        case.addCleanup(override.disable)


def prepare(case: Any) -> dict[str, object]:
    _media(case)
    w = case.w
    room = make_room(w.branch_a1)
    make_room(w.branch_b1)
    inspection = services.inspection_record(
        room=room,
        held_on=timezone.localdate(),
        inspectors="工委组织部",
        verdicts=all_pass(room.org, 有党的标识=VerdictIn(passed=True, photos=[png()]), 有工作台账=fail(20)),
        by=w.staff,
    )
    photo = inspection.verdicts.get(item__title="有党的标识").photos.get()
    item = inspection.checklist.items.order_by("position").last()
    assert item is not None
    return {"r_room": room.pk, "r_inspection": inspection.pk, "r_photo": photo.pk, "r_item": item.pk}


STAFF_POST = {"staff": 302}
R = "/rooms/{r_room}"
ROWS = {
    "rooms:home": page("/rooms/", **STAFF_AND_ADMINS),
    "rooms:room_new": page("/rooms/new/", **STAFF_AND_ADMINS),
    "rooms:room_detail": page(f"{R}/", **IN_A),
    "rooms:room_edit": page(f"{R}/edit/", **IN_A),
    "rooms:inspect": page(f"{R}/inspect/", **IN_A),
    "rooms:recheck": page(f"{R}/recheck/", **IN_A),
    "rooms:inspection_detail": page("/rooms/inspections/{r_inspection}/", **IN_A),
    "rooms:photo": page("/rooms/photos/{r_photo}/", **IN_A),
    "rooms:photo_thumb": page("/rooms/photos/{r_photo}/thumb/", **IN_A),
    "rooms:rectifications": page("/rooms/rectifications/", **STAFF_AND_ADMINS),
    # Everyone who oversees rooms reads the checklist; only committee staff change it.
    "rooms:checklist": page("/rooms/checklist/", **STAFF_AND_ADMINS),
    "rooms:item_new": page("/rooms/checklist/items/new/", method="POST", **STAFF_POST),
    "rooms:item_edit": page("/rooms/checklist/items/{r_item}/edit/", staff=200),
    "rooms:item_delete": page("/rooms/checklist/items/{r_item}/delete/", method="POST", **STAFF_POST),
    "rooms:records_standardized": page("/rooms/records/standardized/", **STAFF_AND_ADMINS),
    "rooms:records_overdue": page("/rooms/records/overdue/", **STAFF_AND_ADMINS),
    "api-v1:rooms_list": api("/api/v1/rooms/", **STAFF_AND_ADMINS),
    "api-v1:rooms_get": api("/api/v1/rooms/{r_room}", **IN_A),
}
