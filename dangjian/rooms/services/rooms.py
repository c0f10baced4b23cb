"""Registering an organization's activity room and changing its record."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from dangjian.orgs.models import Organization

from ..errors import BadRoom, RoomExists
from ..models import Room

MAX_AREA = Decimal("10000")


def _clean(name: str, location: str, area_m2: Any, manager_name: str) -> tuple[str, str, Decimal, str]:
    name = (name or "").strip() or "党员活动室"
    location, manager_name = (location or "").strip(), (manager_name or "").strip()
    if not location:
        raise BadRoom("请填写活动室位置（楼栋、楼层、房间号）。", field="location")
    try:
        area = Decimal(str(area_m2)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise BadRoom("使用面积应为数字（平方米）。", field="area_m2") from None
    if not Decimal(0) < area < MAX_AREA:
        raise BadRoom("使用面积应大于 0 且小于 10000 平方米。", field="area_m2")
    if len(name) > 60 or len(location) > 120 or len(manager_name) > 40:
        raise BadRoom("填写的内容过长。")
    return name, location, area, manager_name


@transaction.atomic
def room_register(
    *, org: Organization, location: str, area_m2: Any, name: str = "", manager_name: str = "", by: Any = None
) -> Room:
    name, location, area, manager_name = _clean(name, location, area_m2, manager_name)
    if Room.objects.filter(org=org).exists():
        raise RoomExists(field="org")
    return Room.objects.create(org=org, name=name, location=location, area_m2=area, manager_name=manager_name)


@transaction.atomic
def room_update(
    *, room: Room, location: str, area_m2: Any, name: str = "", manager_name: str = "", by: Any = None
) -> Room:
    room.name, room.location, room.area_m2, room.manager_name = _clean(name, location, area_m2, manager_name)
    room.save(update_fields=["name", "location", "area_m2", "manager_name"])
    return room
