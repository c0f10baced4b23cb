"""Importing past sign-in sheets (签到表) from Excel into a session, a meeting or a training class.

Same rules as the roster import (dangjian.core.importing): every row is
checked first — the person by ID number against the roster within reach, the
name against that person, the mark, the reason an absence needs, the day of a
class — and a sheet with any bad row writes nothing. A good sheet is then
written through the same services the marking pages use, in one transaction,
with one IMPORT entry in the audit trail naming the file.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from dangjian.core import audit, crypto, excel, idcard, scoping
from dangjian.core import importing as core_importing
from dangjian.core.importing import (
    AuditContext,
    Change,
    Column,
    ImportAborted,
    ImportResult,
    Row,
    chunked,
    read_rows,
    text,
    timed,
)
from dangjian.core.masking import mask_id_number
from dangjian.people.models import Member

from .models import NEEDS_REASON, DayAttendance, EnrolMethod, Mark, Meeting, Session, SignInMethod, TrainingClass
from .selectors.people import subtree_people
from .services import central_group as cg_services
from .services import org_life as ol_services
from .services import signin
from .services import training as tr_services
from .services.marks import MarkIn

TARGETS = {"session": "中心组学习", "meeting": "组织生活会议", "training": "培训班"}
BASE_COLUMNS = [
    Column("姓名", required=True),
    Column("身份证号", required=True),
    Column("签到状态", required=True),
    Column("缺席原因"),
]
DAY_COLUMN = Column("日期")
MARK_ALIASES = {
    "出席": Mark.PRESENT,
    "到会": Mark.PRESENT,
    "已到": Mark.PRESENT,
    "签到": Mark.PRESENT,
    "已签到": Mark.PRESENT,
    "参加": Mark.PRESENT,
    "√": Mark.PRESENT,
    "迟到": Mark.LATE,
    "请假": Mark.EXCUSED,
    "缺席": Mark.ABSENT,
    "缺勤": Mark.ABSENT,
    "未到": Mark.ABSENT,
    "旷会": Mark.ABSENT,
}


def columns_for(target: str) -> list[Column]:
    return [*BASE_COLUMNS, DAY_COLUMN] if target == "training" else list(BASE_COLUMNS)


@dataclass
class SheetRow:
    row: Row
    name: str
    id_number: str
    status: str
    reason: str
    day: dt.date | None = None
    person: Member | None = None


def _parse(row: Row, target: str) -> SheetRow:
    name = row.get("姓名", text, required="姓名", max_length=50) or ""
    raw_id = row.get("身份证号", text, required="身份证号") or ""
    number = ""
    if raw_id:
        try:
            number = idcard.validate(raw_id)
        except idcard.IdNumberError as e:
            row.fail("身份证号", str(e))
    label = "".join((text(row.raw("签到状态")) or "").split())
    status = MARK_ALIASES.get(label, "")
    if label and not status:
        row.fail("签到状态", f"签到状态“{label}”无法识别，应为：出席、迟到、请假、缺席")
    elif not label:
        row.fail("签到状态", "签到状态不能为空")
    reason = row.get("缺席原因", text, max_length=200) or ""
    if status in NEEDS_REASON and not reason:
        row.fail("缺席原因", f"{Mark(status).label}须填写原因")
    day = None
    if target == "training" and row.has("日期"):
        day = row.get("日期", core_importing.date, not_after_today=True)
    return SheetRow(
        row=row, name=name, id_number=number, status=status, reason=reason if status in NEEDS_REASON else "", day=day
    )


def _people_within(target: str, record: Any, scope_user: Any) -> QuerySet[Member]:
    """Whom a sheet may name: a meeting's organization, else whoever the importer may see."""
    people = scoping.visible_members(scope_user) if scope_user is not None else Member.objects.all()
    if target == "meeting":
        people = people.filter(pk__in=subtree_people(record.org).values("pk"))
    return people


def import_signin_file(
    path: str | Path,
    *,
    target: str,
    record: Any,
    actor: Any = None,
    scope_user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
    request: Any = None,
) -> ImportResult:
    """Check the sign-in sheet in PATH for RECORD and, unless DRY_RUN or a row is bad, record it all."""
    started = time.perf_counter()
    result = ImportResult(kind=f"signin-{target}", file_name=file_name or Path(path).name, dry_run=dry_run)
    table = read_rows(path, columns_for(target), result)
    if table is None:
        return timed(result, started)
    rows = [_parse(Row(n, values, table.headers, result), target) for n, values in table.rows]
    if table.failed:  # the file-level problem alone, not rows read before it
        return timed(result, started)
    _resolve(rows, target, record, scope_user, result)
    if result.errors:
        return timed(result, started)
    plan = _plan(rows, target, record, result)
    if result.errors or dry_run:
        return timed(result, started)
    context = AuditContext(actor=actor, remote_addr=audit.client_address(request))
    try:
        with transaction.atomic(), context.active(in_request=request is not None):
            _write(plan, target, record, actor)
            context.summary(result, model=type(record), request=request)
    except (ValidationError, ImportAborted) as e:
        result.error(None, "", "；".join(getattr(e, "messages", [str(e)])) + "。未导入任何数据。")
    return timed(result, started)


def _resolve(rows: list[SheetRow], target: str, record: Any, scope_user: Any, result: ImportResult) -> None:
    """Find each row's person by ID number (in bulk), and check the name and duplicates."""
    digests = {crypto.digest(r.id_number): r for r in rows if r.id_number}
    found: dict[str, Member] = {}
    allowed = _people_within(target, record, scope_user)
    for part in chunked(list(digests)):
        for m in allowed.filter(id_number_digest__in=part):
            found[m.id_number_digest] = m
    seen: dict[tuple[int, Any], int] = {}
    where = f"不在{record.org.name}的人员中" if target == "meeting" else "未在人员名册中登记，或不在您的管理范围内"
    for r in rows:
        if not r.id_number:
            continue
        person = found.get(crypto.digest(r.id_number))
        if person is None:
            r.row.fail("身份证号", f"身份证号 {mask_id_number(r.id_number)} {where}")
            continue
        if r.name and r.name != person.name:
            r.row.fail("姓名", f"姓名“{r.name}”与该身份证号登记的姓名不符")
            continue
        key = (person.pk, r.day)
        if key in seen:
            r.row.fail("身份证号", f"与第{seen[key]}行重复")
            continue
        seen[key] = r.row.number
        r.person = person


@dataclass
class Plan:
    marks: dict[Any, dict[int, MarkIn]]  # day (None for a session or meeting) → person id → mark
    new_people: list[Member]
    first_day: dict[int, dt.date]


def _plan(rows: list[SheetRow], target: str, record: Any, result: ImportResult) -> Plan:
    plan = Plan(marks={}, new_people=[], first_day={})
    existing: dict[Any, Any] = {}  # person id (a training class: (person id, day)) → attendance
    if target == "session":
        existing = {a.person_id: a for a in record.attendances.select_related("person")}
        if record.held_on > timezone.localdate():
            result.error(None, "", f"学习日期（{record.held_on:%Y-%m-%d}）还没到，不能导入签到表。")
    elif target == "meeting":
        existing = {a.person_id: a for a in record.attendances.all()}
    else:
        days = {d.day: d for d in record.days.all()}
        enrolments = {e.person_id: e for e in record.enrolments.all()}
        for r in rows:
            if r.day is None:
                if len(days) != 1:
                    r.row.fail("日期", "该培训班有多天，须填写签到日期")
                    continue
                r.day = next(iter(days))
            if r.day not in days:
                r.row.fail("日期", f"{r.day:%Y-%m-%d} 不是该培训班的培训日")
                continue
            e = enrolments.get(r.person.pk) if r.person is not None else None
            if e is not None and e.enrolled_on > r.day:
                r.row.fail("日期", f"该学员 {e.enrolled_on:%Y-%m-%d} 才报名，不登记此前的出勤")
        existing = {
            (a.enrolment.person_id, a.day.day): a
            for a in DayAttendance.objects.filter(day__klass=record).select_related("enrolment", "day")
        }
    for r in rows:
        person = r.person
        if r.row.bad or person is None:  # no person: the row failed in _resolve
            continue
        day = r.day if target == "training" else None
        key = days[day] if day is not None else None
        plan.marks.setdefault(key, {})[person.pk] = MarkIn(r.status, r.reason)
        if day is not None:
            if person.pk not in enrolments and person.pk not in plan.first_day:
                plan.new_people.append(person)
            plan.first_day[person.pk] = min(plan.first_day.get(person.pk, day), day)
        old = existing.get((person.pk, day) if day is not None else person.pk)
        if old is not None and old.status and (old.status, old.reason) == (r.status, r.reason):
            result.unchanged += 1
            continue
        action = "create" if old is None or not old.status else "update"
        fields = [] if action == "create" else ["签到状态"]
        if action == "create":
            result.created += 1
        else:
            result.updated += 1
        label = f"{person.name}：{Mark(r.status).label}" + (
            f"（{r.day:%m-%d}）" if r.day and target == "training" else ""
        )
        result.changes.append(Change(r.row.number, action, mask_id_number(r.id_number), label, fields))
    if target == "session":
        on_sheet = set(plan.marks.get(None, {}))
        missing = [a.person.name for pid, a in existing.items() if not a.status and pid not in on_sheet]
        if missing:
            result.error(
                None,
                "",
                f"签到表缺少 {len(missing)} 名应参学人员：{'、'.join(missing[:10])}{'等' if len(missing) > 10 else ''}",
            )
    if target == "training" and plan.new_people:
        result.extra = {"新增报名": len(plan.new_people)}
        if record.capacity is not None and record.enrolled + len(plan.new_people) > record.capacity:
            result.error(
                None,
                "",
                f"签到表中有 {len(plan.new_people)} 人尚未报名，超过剩余名额（{record.places_left}），未导入任何数据。",
            )
    return plan


def _write(plan: Plan, target: str, record: Any, actor: Any) -> None:
    if target == "session":
        cg_services.session_record(session=record, marks=plan.marks.get(None, {}), by=actor)
    elif target == "meeting":
        ol_services.meeting_mark(meeting=record, marks=plan.marks.get(None, {}), by=actor)
    else:
        by_day: dict[dt.date, list[Member]] = {}
        for p in plan.new_people:
            by_day.setdefault(plan.first_day[p.pk], []).append(p)
        for day, people in sorted(by_day.items()):
            tr_services.enrol(klass=record, people=people, by=actor, method=EnrolMethod.IMPORT, on=day)
        for day, marks in plan.marks.items():
            signin.day_mark(day=day, marks=marks, by=actor, method=SignInMethod.IMPORT)


def template_bytes(target: str) -> bytes:
    headers = ["* 姓名", "* 身份证号", "* 签到状态（出席/迟到/请假/缺席）", "缺席原因（请假、缺席必填）"]
    if target == "training":
        headers.append("日期（YYYY-MM-DD，多天的培训班必填）")
    notes = [
        f"{TARGETS[target]}签到表导入说明：",
        "每行一人；按身份证号匹配人员名册，姓名须与名册一致。",
        "签到状态填写：出席、迟到、请假、缺席（也可填“到会”“已签到”“缺勤”等）。请假、缺席须填写原因。",
        "任何一行有错误时整个文件都不会导入；同一文件重复导入不会产生重复记录。",
    ]
    if target == "training":
        notes.append("培训班签到表中尚未报名的人员将按签到日期自动报名（占用名额）。")
    return excel.workbook_bytes(headers, [], title="签到表", notes=notes)


def record_for(target: str, pk: int, user: Any) -> QuerySet:
    """The records of TARGET the user manages (the import page looks PK up in it)."""
    model: type[Model] = {"session": Session, "meeting": Meeting, "training": TrainingClass}[target]
    return scoping.scoped_by_org(user, model._default_manager.select_related("org"))


__all__ = ["TARGETS", "import_signin_file", "record_for", "template_bytes"]
