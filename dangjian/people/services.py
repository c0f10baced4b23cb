"""Writes to the roster. Each function is one use case, atomic, and validates first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.accounts import member_accounts
from dangjian.core import crypto, idcard, tree
from dangjian.orgs.models import add_years

from .models import Gender, Member, Post, PostTitle, Status, Transfer

PHONE_DIGITS = 11


@dataclass
class MemberData:
    """Validated fields of one person, as forms and imports produce them."""

    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    id_number: str
    org: Any
    status: str
    phone: str = ""
    education: str = ""
    unit: Any = None
    job_title: str = ""
    cadre_rank: str = ""
    joined_party_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def clean_phone(value: str) -> str:
    phone = "".join(ch for ch in (value or "") if ch.isdigit())
    if phone and (len(phone) != PHONE_DIGITS or not phone.startswith("1")):
        raise ValidationError("手机号应为以1开头的11位数字")
    return phone


PARTY_STATUSES = (Status.FULL, Status.PROBATIONARY)


def party_record_problems(
    *, status: str, joined_party_on: dt.date | None, birth_date: dt.date | None
) -> list[tuple[str, str]]:
    """(field, Chinese reason) for a status and joining date that do not fit together.

    Pure: no database. Forms and the Excel import both apply it.
    """
    problems: list[tuple[str, str]] = []
    if status in PARTY_STATUSES and joined_party_on is None:
        problems.append(("joined_party_on", "党员须填写入党日期"))
    if status not in PARTY_STATUSES and joined_party_on is not None:
        problems.append(("joined_party_on", f"{Status(status).label}不应填写入党日期"))
    if joined_party_on and birth_date and joined_party_on < add_years(birth_date, 18):
        problems.append(("joined_party_on", "入党时应年满18周岁"))
    if joined_party_on and joined_party_on > dt.date.today():
        problems.append(("joined_party_on", "入党日期不能晚于今天"))
    return problems


# One answer wherever the other record is: naming its organization, or saying it lies outside the
# user's reach, would let an administrator probe other subtrees' rosters by ID number.
ID_NUMBER_TAKEN = "该身份证号已登记在其他人员名下"


def validate_member_data(data: MemberData, *, existing: Member | None = None) -> MemberData:
    """Check a person's fields against each other; raise ValidationError {field: [Chinese reason]}."""
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors.setdefault("name", []).append("姓名不能为空")
    try:
        data.id_number = idcard.validate(data.id_number, data.birth_date)
    except idcard.IdNumberError as e:
        errors.setdefault("id_number", []).append(str(e))
    else:
        if data.gender and data.gender != idcard.gender_of(data.id_number):
            errors.setdefault("gender", []).append(
                f"性别与身份证号不一致（身份证号显示为{Gender(idcard.gender_of(data.id_number)).label}）"
            )
        # Everyone, also who left the roster: the number is theirs, and stays unique.
        clash = Member.everyone.filter(id_number_digest=crypto.digest(data.id_number))
        if existing is not None:
            clash = clash.exclude(pk=existing.pk)
        if clash.exists():
            errors.setdefault("id_number", []).append(ID_NUMBER_TAKEN)
    try:
        data.phone = clean_phone(data.phone)
    except ValidationError as e:
        errors.setdefault("phone", []).extend(e.messages)
    for name, message in party_record_problems(
        status=data.status, joined_party_on=data.joined_party_on, birth_date=data.birth_date
    ):
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)
    return data


def _apply(member: Member, data: MemberData) -> None:
    member.name = data.name.strip()
    member.gender = data.gender or idcard.gender_of(data.id_number)
    member.ethnicity = data.ethnicity.strip()
    member.birth_date = data.birth_date
    member.id_number = data.id_number
    member.phone = data.phone
    member.education = data.education
    member.unit = data.unit
    member.job_title = data.job_title.strip()
    member.cadre_rank = data.cadre_rank
    member.status = data.status
    member.joined_party_on = data.joined_party_on


@transaction.atomic
def member_create(*, data: MemberData) -> Member:
    validate_member_data(data)
    member = Member(org=data.org)
    _apply(member, data)
    member.save()
    return member


@transaction.atomic
def member_update(
    *, member: Member, data: MemberData, transferred_on: dt.date | None = None, reason: str = ""
) -> Member:
    """Update a person's record; a change of organization is recorded as a transfer."""
    validate_member_data(data, existing=member)
    old_org = member.org
    _apply(member, data)
    member.save()
    if data.org.pk != old_org.pk:
        member_transfer(
            member=member,
            to_org=data.org,
            transferred_on=transferred_on or dt.date.today(),
            reason=reason or "信息更新",
        )
    return member


@transaction.atomic
def member_transfer(*, member: Member, to_org: Any, transferred_on: dt.date, reason: str = "") -> Transfer:
    """Move a person to TO_ORG, keeping the history. Posts held in the old organization end on that day."""
    member.refresh_from_db(fields=["org"])
    from_org = member.org
    if from_org.pk == to_org.pk:
        raise ValidationError("转入组织与当前所在组织相同")
    Post.objects.filter(
        tree.subtree_q([from_org.path], "org__path"),
        tree.outside_subtree_q(to_org.path, "org__path"),
        member=member,
        ended_on__isnull=True,
    ).update(ended_on=transferred_on)
    member.org = to_org
    member.save(update_fields=["org", "updated_at"])
    return Transfer.objects.create(
        member=member,
        from_org=from_org,
        to_org=to_org,
        from_org_name=from_org.name,
        to_org_name=to_org.name,
        transferred_on=transferred_on,
        reason=reason,
    )


@transaction.atomic
def post_assign(*, member: Member, org: Any, title: str, started_on: dt.date) -> Post:
    """Give MEMBER a post in ORG. A single-holder post (书记) ends its previous holder's tenure."""
    if title not in PostTitle.values:
        raise ValidationError("未知的党内职务")
    if member.status not in (Status.FULL, Status.PROBATIONARY):
        raise ValidationError(f"{member.get_status_display()}不能担任党内职务")
    if not member.org.path.startswith(org.path):
        raise ValidationError("只能在本人所在组织或其上级组织任职")
    if Post.objects.filter(member=member, org=org, title=title, ended_on__isnull=True).exists():
        raise ValidationError("该人员已担任此职务")
    if title == PostTitle.SECRETARY:
        for old in Post.objects.filter(org=org, title=title, ended_on__isnull=True):
            old.ended_on = started_on
            old.save(update_fields=["ended_on"])
    return Post.objects.create(member=member, org=org, title=title, started_on=started_on)


@transaction.atomic
def post_end(*, post: Post, ended_on: dt.date) -> Post:
    if post.ended_on is not None:
        raise ValidationError("该职务已免去")
    if ended_on < post.started_on:
        raise ValidationError("免职日期不能早于任职日期")
    post.ended_on = ended_on
    post.save(update_fields=["ended_on"])
    return post


# ---------------------------------------------------------------- leaving and rejoining the roster
# Organizational relations moved out of and into the committee (组织关系转出 / 转入); the
# transfers app calls these. A person who left keeps their record (Member.everyone reads it).


def _end_posts(member: Member, ended_on: dt.date) -> None:
    for post in Post.objects.filter(member=member, ended_on__isnull=True):
        post.ended_on = max(ended_on, post.started_on)
        post.save(update_fields=["ended_on"])  # one by one: each end is on the audit trail


@transaction.atomic
def member_leave(
    *, member: Member, left_on: dt.date, reason: str, to_org_name: str = "", moved_out: bool = True
) -> Member:
    """Take MEMBER off the roster on LEFT_ON: their relation moved out of the committee.

    Posts held end that day; the move is kept in the transfer history (to TO_ORG_NAME, an
    organization outside the tree). MOVED_OUT False: they left the party's roster for REASON
    (去世, 出党 …), not for another organization: no move is recorded. Their own account is
    turned off either way. Refused for someone already off the roster or a future day.
    """
    locked = Member.everyone.select_for_update().get(pk=member.pk)
    if locked.left_on is not None:
        raise ValidationError(f"{locked.name}已于 {locked.left_on:%Y-%m-%d} 离开名册")
    if left_on > dt.date.today():
        raise ValidationError("离开名册日期不能晚于今天")
    _end_posts(locked, left_on)
    locked.left_on = left_on
    locked.left_reason = reason.strip()[:200]
    locked.save(update_fields=["left_on", "left_reason", "updated_at"])
    if moved_out:
        Transfer.objects.create(
            member=locked,
            from_org=locked.org,
            to_org=None,
            from_org_name=locked.org.name,
            to_org_name=(to_org_name.strip() or "本工委以外")[:100],
            transferred_on=left_on,
            reason=reason.strip()[:200],
        )
    _account_follows(locked, active=False, reason="transferred_out" if moved_out else f"left_roster: {reason[:60]}")
    return locked


@transaction.atomic
def member_leave_undo(*, member: Member, reason: str) -> Member:
    """Put MEMBER back on the roster where they were (a transfer out that did not happen).

    The transfer history keeps the move out; posts that ended stay ended.
    """
    locked = Member.everyone.select_for_update().get(pk=member.pk)
    if locked.left_on is None:
        raise ValidationError(f"{locked.name}仍在名册上")
    locked.left_on = None
    locked.left_reason = ""
    locked.save(update_fields=["left_on", "left_reason", "updated_at"])
    Transfer.objects.create(
        member=locked,
        from_org=None,
        to_org=locked.org,
        from_org_name="（撤销转出）",
        to_org_name=locked.org.name,
        transferred_on=dt.date.today(),
        reason=reason.strip()[:200] or "撤销转出",
    )
    _account_follows(locked, active=True, reason="transfer_out_cancelled")
    return locked


@transaction.atomic
def member_transfer_in(*, data: MemberData, transferred_on: dt.date, from_org_name: str, reason: str = "") -> Member:
    """Put a person whose relation moves into the committee on the roster, in DATA.org.

    A new record; or, for someone who once left the roster (the same ID number), their old
    record back with DATA's fields. The move is kept in the transfer history.
    """
    returning = (
        Member.everyone.select_for_update()
        .filter(id_number_digest=crypto.digest(idcard.normalize(data.id_number)), left_on__isnull=False)
        .first()
    )
    validate_member_data(data, existing=returning)
    if transferred_on > dt.date.today():
        raise ValidationError({"transferred_on": ["转入日期不能晚于今天"]})
    member = returning or Member()
    member.org = data.org
    _apply(member, data)
    member.left_on = None
    member.left_reason = ""
    member.save()
    Transfer.objects.create(
        member=member,
        from_org=None,
        to_org=data.org,
        from_org_name=(from_org_name.strip() or "本工委以外")[:100],
        to_org_name=data.org.name,
        transferred_on=transferred_on,
        reason=reason.strip()[:200] or "组织关系转入",
    )
    if returning is not None:
        _account_follows(member, active=True, reason="transferred_in")
    return member


@transaction.atomic
def member_status_change(*, member: Member, status: str, joined_party_on: dt.date | None = None) -> Member:
    """Change MEMBER's roster status (入党积极分子 → 预备党员 → 正式党员, or back to 非党干部).

    The admission pipeline calls it as a person moves on. A party status keeps the joining
    date on record unless JOINED_PARTY_ON gives one; any other status clears it. Refuses with
    ValidationError {field: [Chinese reason]} and writes nothing when the two do not fit.
    Audited like every roster write (auditlog records the change of status and date).
    """
    if status not in Status.values:
        raise ValidationError({"status": ["未知的人员类别"]})
    locked = Member.objects.select_for_update().get(pk=member.pk)
    joined = (joined_party_on or locked.joined_party_on) if status in PARTY_STATUSES else None
    problems: dict[str, list[str]] = {}
    for name, message in party_record_problems(status=status, joined_party_on=joined, birth_date=locked.birth_date):
        problems.setdefault(name, []).append(message)
    if problems:
        raise ValidationError(problems)
    locked.status = status
    locked.joined_party_on = joined
    locked.save(update_fields=["status", "joined_party_on", "updated_at"])
    member.status, member.joined_party_on = locked.status, locked.joined_party_on
    return locked


def _account_follows(member: Member, *, active: bool, reason: str) -> None:
    """The member's own account (if any) follows the roster, in the caller's transaction:
    off when they leave it, on again when they are back (accounts.member_accounts.follow_roster)."""
    member_accounts.follow_roster(person=member, active=active, reason=reason)
