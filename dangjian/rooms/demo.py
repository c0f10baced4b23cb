"""Demo data of the activity-room module (found through the manifest by seed_demo).

Per committee: its checklist (the default 七有, version 1, frozen by the first
inspection) and a room for each organization directly under the committee and
for some branches. At `city` scale that is the seed report's year: 62 rooms
standardized this year (some only after a failed first inspection, a
rectification and a recheck), about ten failing with open rectification tasks
(some past their deadline), and a few registered but not yet inspected.

Rows go in with bulk_create: seeding is not a user's write (auditlog is off).
Everything random comes from `ctx.rng("rooms")`; dates from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from dangjian.core import tree
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.selectors.for_apps import people_in

from .models import Checklist, Inspection, InspectionKind, Rectification, RectificationStatus, Room, Verdict
from .services.checklist import checklist_current


@dataclass(frozen=True)
class Volume:
    standardized: int
    failing: int
    uninspected: int


VOLUMES = {
    "demo": Volume(6, 3, 1),
    "city": Volume(62, 10, 3),
    "province": Volume(62, 10, 3),
}
BUILDINGS = ("办公楼", "综合楼", "主楼", "行政楼", "机关大院二号楼")
FAILURES = {
    "有固定场所": "活动室与会议室混用，面积不足 20 平方米",
    "有党的标识": "入党誓词、党员权利和义务未上墙",
    "有书报刊物": "书报刊物陈旧，缺少近期党刊",
    "有工作台账": "党费收缴登记不全，缺少三个月记录",
    "有荣誉展示": "荣誉展示区尚未布置",
    "有管理制度": "未明确管理人，管理制度未上墙",
    "有电教设备": "缺少投影等电教设备",
}


def seed_rooms(ctx: SeedContext) -> None:
    volume = VOLUMES.get(ctx.scale, VOLUMES["demo"])
    rng = ctx.rng("rooms")
    today = ctx.today
    tz = timezone.get_current_timezone()
    checklist = checklist_current(committee=ctx.root)
    items = list(checklist.items.order_by("position"))
    required = [i for i in items if i.required]
    top = list(Organization.objects.filter(tree.child_q(ctx.root.path)).order_by("path"))
    branches = list(
        Organization.objects.filter(
            tree.subtree_q([ctx.root.path]), depth=ctx.root.depth + 2, kind=OrgKind.BRANCH
        ).order_by("path")
    )
    wanted = volume.standardized + volume.failing + volume.uninspected
    extra = max(0, wanted - len(top))
    chosen = top + (rng.sample(branches, min(extra, len(branches))) if extra else [])
    chosen = sorted(chosen[:wanted], key=lambda o: o.path)
    if not chosen:
        return
    # Which rooms pass, fail and wait: the failing and waiting ones spread over the list.
    order = list(range(len(chosen)))
    rng.shuffle(order)
    failing = set(order[: volume.failing])
    waiting = set(order[volume.failing : volume.failing + volume.uninspected])

    year_start = dt.date(today.year, 1, 1)
    span = max(1, (today - year_start).days)

    def day(low: float, high: float) -> dt.date:
        return year_start + dt.timedelta(days=int(span * rng.uniform(low, high)))

    def at(d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(10, 0), tzinfo=tz)

    rooms: list[Room] = []
    for i, org in enumerate(chosen):
        manager = people_in(org).order_by("pk").values_list("name", flat=True).first() or ""
        small = i in failing and rng.random() < 0.4
        area = Decimal(rng.randint(12, 19) if small else rng.randint(24, 90))
        rooms.append(
            Room(
                org=org,
                location=f"{rng.choice(BUILDINGS)}{rng.randint(1, 8)}层{rng.randint(1, 30):02d}室",
                area_m2=area,
                manager_name=manager,
            )
        )
    Room.objects.bulk_create(rooms)

    # (room index, inspection, failed item keys, closes-by-recheck) planned first, then written.
    inspections: list[Inspection] = []
    fails: list[set[str]] = []
    for i, room in enumerate(rooms):
        if i in waiting:
            continue
        inspectors = "市直机关工委组织部检查组" if room.org.depth == 2 else f"{_base(room.org)}党委检查组"
        if i in failing:
            keys = {k.key for k in rng.sample(required, rng.randint(1, 2))}
            if room.area_m2 < 20:
                keys.add(required[0].key)
            inspections.append(_inspection(room, checklist, day(0.2, 0.9), inspectors, passed=False))
            fails.append(keys)
        elif rng.random() < 0.25:  # failed first, put right, passed the recheck
            first = day(0.05, 0.45)
            inspections.append(_inspection(room, checklist, first, inspectors, passed=False))
            fails.append({rng.choice(required).key})
            second = min(today, first + dt.timedelta(days=rng.randint(20, 60)))
            inspections.append(
                _inspection(room, checklist, second, inspectors, passed=True, kind=InspectionKind.RECHECK)
            )
            fails.append(set())
        else:
            inspections.append(_inspection(room, checklist, day(0.1, 0.95), inspectors, passed=True))
            fails.append(set())
    for ins in inspections:
        ins.recorded_at = at(ins.held_on)
    Inspection.objects.bulk_create(inspections)
    checklist.frozen_at = at(min((ins.held_on for ins in inspections), default=today))
    Checklist.objects.filter(pk=checklist.pk).update(frozen_at=checklist.frozen_at)

    verdicts: list[Verdict] = []
    tasks: list[Rectification] = []
    previous: dict[int, Inspection] = {}
    values: dict[int, dict[str, bool]] = {}  # id(inspection) → its verdicts, for a recheck to carry over
    for ins, failed in zip(inspections, fails, strict=True):
        before = previous.get(ins.room_id)
        if ins.kind == InspectionKind.RECHECK and before is not None:
            ins.rechecks = before
        rechecked = {t.item_key for t in tasks if before is not None and t.raised_by is before}
        mine = values.setdefault(id(ins), {})
        for item in items:
            carried = ins.kind == InspectionKind.RECHECK and item.key not in rechecked
            if carried and before is not None:
                ok = values[id(before)][item.key]
            else:
                ok = item.key not in failed and (item.required or rng.random() >= 0.3)
            mine[item.key] = ok
            verdicts.append(
                Verdict(
                    inspection=ins, item=item, passed=ok, carried=carried,
                    note="" if ok else FAILURES.get(item.title, "不符合要求"),
                )
            )  # fmt: skip
        if ins.kind == InspectionKind.RECHECK and before is not None:
            for t in tasks:
                if t.raised_by is before:
                    t.status, t.closed_at, t.closed_by = RectificationStatus.CLOSED, at(ins.held_on), ins
        for key in sorted(failed):
            item = next(i for i in items if i.key == key)
            overdue = rng.random() < 0.45 and ins.held_on + dt.timedelta(days=16) < today
            deadline = (
                ins.held_on + dt.timedelta(days=rng.randint(15, max(15, (today - ins.held_on).days - 1)))
                if overdue
                else max(ins.held_on, today) + dt.timedelta(days=rng.randint(10, 60))
            )
            tasks.append(
                Rectification(
                    room_id=ins.room_id, raised_by=ins, item_key=key, item_title=item.title,
                    requirement=f"{FAILURES.get(item.title, '不符合要求')}，限期整改到位", deadline=deadline,
                    created_at=at(ins.held_on),
                )
            )  # fmt: skip
        previous[ins.room_id] = ins
    Inspection.objects.bulk_update([i for i in inspections if i.rechecks is not None], ["rechecks"])
    Verdict.objects.bulk_create(verdicts, batch_size=2000)
    Rectification.objects.bulk_create(tasks, batch_size=2000)
    for room in rooms:
        room.latest_inspection = previous.get(room.pk)
    Room.objects.bulk_update(rooms, ["latest_inspection"], batch_size=2000)

    passed = sum(1 for r in rooms if r.latest_inspection is not None and r.latest_inspection.passed)
    open_tasks = sum(1 for t in tasks if t.status == RectificationStatus.OPEN)
    for key, value in (("标准化党员活动室", passed), ("活动室整改中", open_tasks)):
        ctx.counts[key] = ctx.counts.get(key, 0) + value


def _inspection(
    room: Room,
    checklist: Checklist,
    held_on: dt.date,
    inspectors: str,
    *,
    passed: bool,
    kind: str = InspectionKind.FULL,
) -> Inspection:
    return Inspection(
        room=room, checklist=checklist, kind=kind, held_on=held_on, inspectors=inspectors, passed=passed,
        note="各项内容齐全，管理规范。" if passed else "部分必备项未达到标准，请按整改要求限期整改。",
    )  # fmt: skip


def _base(org: Organization) -> str:
    for suffix in ("机关党委", "机关党总支", "机关党支部", "党委", "党总支", "党支部"):
        if org.name.endswith(suffix):
            return org.name[: -len(suffix)]
    return org.name
