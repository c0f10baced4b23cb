"""Letters out of the committee (组织关系介绍信): issue, receipt (回执), expiry, cancellation.

The member leaves the roster on the day the letter is issued (people.services.member_leave):
from then on the relation travels with the letter, and the committee no longer counts them.
A cancelled letter puts them back (member_leave_undo). Each function is one transaction;
auditlog records every row it writes, with the actor the request set.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangjian.people import services as people
from dangjian.people.models import Member

from .. import errors
from ..conf import TransfersSettings
from ..models import FlowMember, FlowStatus, OutLetter, OutStatus
from .common import STAFF, actor, age_on, branch_of, check_on_roster


def letter_number(year: int, seq: int) -> str:
    conf = TransfersSettings.current()
    return conf.number_format.format(issuer=conf.issuer, year=year, seq=seq)


def _next_seq(year: int) -> int:
    # Lock the year's letters so two issues at once cannot take the same number (the unique
    # constraint on (year, seq) is the last guard).
    taken = OutLetter.objects.select_for_update().filter(year=year).aggregate(m=Max("seq"))["m"]
    return (taken or 0) + 1


@transaction.atomic
def letter_issue(
    *,
    member: Member,
    dest_name: str,
    reason: str,
    dest_level: str = "",
    dest_contact: str = "",
    issued_on: dt.date | None = None,
    valid_days: int | None = None,
    by: Any = None,
    today: dt.date | None = None,
) -> OutLetter:
    """Issue a letter moving MEMBER's relation to DEST_NAME (outside the committee); MEMBER leaves the roster."""
    today = today or timezone.localdate()
    issued_on = issued_on or today
    conf = TransfersSettings.current()
    days = conf.validity_days if valid_days is None else valid_days
    current = check_on_roster(member, by, roles=STAFF)
    if not dest_name.strip():
        raise errors.DestinationMissing(field="dest_name")
    if not reason.strip():
        raise errors.ReasonMissing(field="reason")
    if issued_on > today:
        raise errors.IssueDateInFuture(field="issued_on")
    if not 1 <= days <= conf.max_validity_days:
        raise errors.ValidityOutOfRange(f"有效期须为 1 至 {conf.max_validity_days} 天。", field="valid_days")
    seq = _next_seq(issued_on.year)
    number = letter_number(issued_on.year, seq)
    letter = OutLetter.objects.create(
        number=number,
        year=issued_on.year,
        seq=seq,
        member=current,
        org=branch_of(current.org),
        member_name=current.name,
        member_gender=current.get_gender_display(),
        member_age=age_on(current.birth_date, issued_on),
        member_ethnicity=current.ethnicity,
        member_status=current.get_status_display(),
        member_id_masked=current.id_number_masked,
        dest_name=dest_name.strip()[:120],
        dest_level=dest_level.strip()[:60],
        dest_contact=dest_contact.strip()[:120],
        reason=reason.strip()[:200],
        issued_on=issued_on,
        valid_days=days,
        valid_until=issued_on + dt.timedelta(days=days),
        status=OutStatus.ISSUED,
        issued_at=timezone.now(),
        issued_by=actor(by),
    )
    # A member in flow whose relation moves out is no longer this committee's to keep.
    for flow in FlowMember.objects.filter(member=current, status=FlowStatus.OUT):
        flow.status, flow.returned_on, flow.returned_at = FlowStatus.RETURNED, issued_on, timezone.now()
        flow.notes = f"组织关系已转出（{number}）"[:200]
        flow.save(update_fields=["status", "returned_on", "returned_at", "notes"])
    people.member_leave(
        member=current, left_on=issued_on, reason=f"组织关系转出（{number}）", to_org_name=letter.dest_name
    )
    return letter


def _locked(letter: OutLetter) -> OutLetter:
    return OutLetter.objects.select_for_update().get(pk=letter.pk)


@transaction.atomic
def letter_record_receipt(
    *, letter: OutLetter, receipt_on: dt.date, receipt_org_name: str, by: Any = None, today: dt.date | None = None
) -> OutLetter:
    """Record the receipt (回执) that came back: the day it was signed and the receiving organization.

    Also for a letter marked expired (a late receipt still closes it); once only.
    """
    today = today or timezone.localdate()
    locked = _locked(letter)
    if locked.status == OutStatus.RETURNED:
        raise errors.ReceiptAlreadyRecorded()
    if locked.status == OutStatus.CANCELLED:
        raise errors.LetterNotOpen("该介绍信已作废，不能登记回执。")
    if receipt_on < locked.issued_on:
        raise errors.ReceiptBeforeIssue(
            f"回执日期不能早于介绍信开具日期（{locked.issued_on:%Y-%m-%d}）。", field="receipt_on"
        )
    if receipt_on > today:
        raise errors.ReceiptInFuture(field="receipt_on")
    if not receipt_org_name.strip():
        raise errors.ReceiverMissing(field="receipt_org_name")
    locked.status = OutStatus.RETURNED
    locked.receipt_on = receipt_on
    locked.receipt_org_name = receipt_org_name.strip()[:120]
    locked.returned_at = timezone.now()
    locked.save(update_fields=["status", "receipt_on", "receipt_org_name", "returned_at"])
    return locked


@transaction.atomic
def letter_expire(*, letter: OutLetter, today: dt.date | None = None) -> OutLetter:
    """Mark a letter whose validity passed without a receipt as expired (it stays on the overdue list)."""
    today = today or timezone.localdate()
    locked = _locked(letter)
    if locked.status != OutStatus.ISSUED:
        raise errors.LetterNotOpen(f"该介绍信{locked.get_status_display()}，不能标记为过期。")
    if locked.valid_until >= today:
        raise errors.NotYetExpired(f"该介绍信有效期至 {locked.valid_until:%Y-%m-%d}，尚未过期。")
    locked.status = OutStatus.EXPIRED
    locked.expired_at = timezone.now()
    locked.save(update_fields=["status", "expired_at"])
    return locked


def letters_expire_overdue(*, today: dt.date | None = None) -> int:
    """Mark every issued letter past its validity as expired (manage.py expire_transfer_letters); how many."""
    today = today or timezone.localdate()
    done = 0
    for letter in OutLetter.objects.filter(status=OutStatus.ISSUED, valid_until__lt=today).only("pk"):
        letter_expire(letter=letter, today=today)
        done += 1
    return done


@transaction.atomic
def letter_cancel(*, letter: OutLetter, reason: str, by: Any = None) -> OutLetter:
    """Cancel (作废) a letter that was not used: the member is back on the roster where they were."""
    locked = _locked(letter)
    if locked.status not in (OutStatus.ISSUED, OutStatus.EXPIRED):
        raise errors.LetterNotOpen(f"该介绍信{locked.get_status_display()}，不能作废。")
    if not reason.strip():
        raise errors.ReasonMissing("请填写作废原因。", field="reason")
    locked.status = OutStatus.CANCELLED
    locked.cancel_reason = reason.strip()[:200]
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancel_reason", "cancelled_at"])
    people.member_leave_undo(member=locked.member, reason=f"介绍信{locked.number}作废：{locked.cancel_reason}")
    return locked
