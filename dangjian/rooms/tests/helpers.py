"""What the activity-room tests share: rooms in the named world, photos, an all-pass set of verdicts."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from typing import Any

from django.test import override_settings
from django.utils import timezone
from PIL import Image

from dangjian.core.testing import BaseTestCase
from dangjian.orgs.models import Organization
from dangjian.rooms import services
from dangjian.rooms.models import ChecklistItem, Inspection, Room
from dangjian.rooms.services import VerdictIn


def png(width: int = 8, height: int = 8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    """A JPEG carrying EXIF (a camera's make and a GPS block), as a phone would send it."""
    image = Image.new("RGB", (16, 16), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (40.0, 50.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def make_room(org: Organization, **fields: Any) -> Room:
    return services.room_register(
        org=org, location=fields.pop("location", "办公楼3层305室"), area_m2=fields.pop("area_m2", "36"), **fields
    )


def items_of(org: Organization) -> list[ChecklistItem]:
    from dangjian.rooms.permissions import committee_of

    checklist = services.checklist_current(committee=committee_of(org))
    return list(checklist.items.order_by("position"))


def all_pass(org: Organization, **overrides: VerdictIn) -> dict[str, VerdictIn]:
    """A verdict of 合格 on every item of ORG's checklist, OVERRIDES (by item title) replacing some."""
    found = {}
    for item in items_of(org):
        found[item.key] = overrides.get(item.title, VerdictIn(passed=True))
    return found


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def fail(days: int | None = 30, **kw: Any) -> VerdictIn:
    return VerdictIn(
        passed=False, note=kw.pop("note", "未上墙"), deadline=in_days(days) if days is not None else None, **kw
    )


class RoomsTestCase(BaseTestCase):
    """The named world, photos kept in a throwaway folder."""

    def setUp(self) -> None:
        self._media = tempfile.mkdtemp(prefix="dangjian-rooms-")
        self._override = override_settings(MEDIA_ROOT=self._media)
        self._override.enable()
        self.addCleanup(shutil.rmtree, self._media, True)
        self.addCleanup(self._override.disable)
        super().setUp()

    def inspect(
        self, room: Room, *, held_on: dt.date | None = None, by: Any = None, **overrides: VerdictIn
    ) -> Inspection:
        return services.inspection_record(
            room=room,
            held_on=held_on or timezone.localdate(),
            inspectors="工委组织部检查组",
            verdicts=all_pass(room.org, **overrides),
            by=by or self.w.staff,
        )
