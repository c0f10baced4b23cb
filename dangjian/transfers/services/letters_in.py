"""Letters into the committee: receiving one with the member's data, placing the member in a
branch (which puts them on the roster through people.services.member_transfer_in), or sending
it back (退回). Each function is one transaction, audited by auditlog; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import crypto, idcard, scoping, tree
from dangjian.core.masking import mask_phone
from dangjian.core.web import error_text
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people import services as people
from dangjian.people.models import Gender, Status

from .. import errors
from ..models import InLetter, InStatus
from .common import actor

PLACEABLE_KINDS = (OrgKind.BRANCH,)


@transaction.atomic
def in_letter_receive(
    *,
    number: str,
    origin_name: str,
    received_on: dt.date,
    org: Organization,
    name: str,
    gender: str,
    ethnicity: str,
    birth_date: dt.date,
    id_number: str,
    party_status: str,
    joined_party_on: dt.date | None,
    origin_contact: str = "",
    phone: str = "",
    reason: str = "",
    place_in: Organization | None = None,
    by: Any = None,
    today: dt.date | None = None,
) -> InLetter:
    """Record a letter moving a member's relation into ORG (an organization of the committee).

    With PLACE_IN, the member is placed in that branch at once (in_letter_place).
    """
    today = today or timezone.localdate()
    if not number.strip():
        raise errors.LetterNumberMissing(field="number")
    if not origin_name.strip():
        raise errors.OriginMissing(field="origin_name")
    if received_on > today:
        raise errors.ReceivedInFuture(field="received_on")
    if not name.strip():
        raise errors.MemberDataRefused("请填写党员姓名。", field="name")
    try:
        number_id = idcard.validate(id_number, birth_date)
    except idcard.IdNumberError as e:
        raise errors.InvalidIdNumber(str(e), field="id_number") from None
    if gender and gender != idcard.gender_of(number_id):
        label = Gender(idcard.gender_of(number_id)).label
        raise errors.MemberDataRefused(f"性别与身份证号不一致（身份证号显示为{label}）。", field="gender")
    if party_status not in people.PARTY_STATUSES:
        raise errors.NotAPartyMember(field="party_status")
    for field, message in people.party_record_problems(
        status=party_status, joined_party_on=joined_party_on, birth_date=birth_date
    ):
        raise errors.MemberDataRefused(f"{message}。", field=field)
    assert joined_party_on is not None  # party_record_problems names it missing for a party member
    try:
        phone = people.clean_phone(phone)
    except ValidationError as e:
        raise errors.MemberDataRefused(error_text(e), field="phone") from None
    if InLetter.objects.filter(number=number.strip(), origin_name=origin_name.strip()).exists():
        raise errors.LetterNumberTaken(field="number")
    letter = InLetter(
        number=number.strip()[:60],
        origin_name=origin_name.strip()[:120],
        origin_contact=origin_contact.strip()[:120],
        received_on=received_on,
        org=org,
        name=name.strip()[:50],
        gender=gender or idcard.gender_of(number_id),
        ethnicity=ethnicity.strip()[:20],
        birth_date=birth_date,
        party_status=party_status,
        joined_party_on=joined_party_on,
        phone_masked=mask_phone(phone),
        phone_enc=crypto.encrypt(phone) if phone else "",
        reason=reason.strip()[:200],
        status=InStatus.RECEIVED,
        received_at=timezone.now(),
        received_by=actor(by),
    )
    letter.id_number = number_id
    letter.save()
    if place_in is not None:
        letter = in_letter_place(letter=letter, branch=place_in, placed_on=received_on, by=by, today=today)
    return letter


@transaction.atomic
def in_letter_place(
    *, letter: InLetter, branch: Organization, placed_on: dt.date, by: Any = None, today: dt.date | None = None
) -> InLetter:
    """Place the letter's member in BRANCH: they go on the roster (a returning person gets their record back)."""
    today = today or timezone.localdate()
    locked = InLetter.objects.select_for_update(of=("self",)).select_related("org").get(pk=letter.pk)
    if locked.status == InStatus.PLACED:
        raise errors.AlreadyPlaced()
    if locked.status != InStatus.RECEIVED:
        raise errors.LetterNotOpen("该介绍信已退回，不能编入支部。")
    committee = tree.ancestor_paths(locked.org.path)[0]
    if branch.kind not in PLACEABLE_KINDS or not tree.is_within(branch.path, [committee]):
        raise errors.NotABranch(field="branch")
    if by is not None and not scoping.can_manage_org(by, branch):
        raise errors.NotABranch(field="branch")
    if placed_on < locked.received_on:
        raise errors.MemberDataRefused(
            f"编入日期不能早于收到介绍信的日期（{locked.received_on:%Y-%m-%d}）。", field="placed_on"
        )
    if placed_on > today:
        raise errors.MemberDataRefused("编入日期不能晚于今天。", field="placed_on")
    data = people.MemberData(
        name=locked.name,
        gender=locked.gender,
        ethnicity=locked.ethnicity,
        birth_date=locked.birth_date,
        id_number=locked.id_number,
        org=branch,
        status=locked.party_status or Status.FULL,
        phone=locked.phone,
        joined_party_on=locked.joined_party_on,
    )
    try:
        member = people.member_transfer_in(
            data=data,
            transferred_on=placed_on,
            from_org_name=locked.origin_name,
            reason=f"组织关系转入（{locked.number}）",
        )
    except ValidationError as e:
        raise errors.MemberDataRefused(f"不能编入名册：{error_text(e)}") from None
    locked.status = InStatus.PLACED
    locked.placed_on = placed_on
    locked.placed_at = timezone.now()
    locked.member = member
    locked.org = branch
    # The roster holds the numbers now; the letter keeps only the masked copies.
    locked.id_number_enc = ""
    locked.phone_enc = ""
    locked.save(update_fields=["status", "placed_on", "placed_at", "member", "org", "id_number_enc", "phone_enc"])
    return locked


@transaction.atomic
def in_letter_return(*, letter: InLetter, reason: str, by: Any = None) -> InLetter:
    """Send a letter back (退回): wrongly addressed, or the data do not check out. Nothing goes on the roster."""
    locked = InLetter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != InStatus.RECEIVED:
        raise errors.LetterNotOpen(f"该介绍信{locked.get_status_display()}，不能退回。")
    if not reason.strip():
        raise errors.ReasonMissing("请填写退回原因。", field="reason")
    locked.status = InStatus.RETURNED
    locked.return_reason = reason.strip()[:200]
    locked.returned_at = timezone.now()
    locked.id_number_enc = ""
    locked.phone_enc = ""
    locked.save(update_fields=["status", "return_reason", "returned_at", "id_number_enc", "phone_enc"])
    return locked
