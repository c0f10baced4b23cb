"""What the admission services share: the actor, the date checks and the roster hook."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian.people import services as people_services
from dangjian.people.models import Member
from dangjian.people.selectors.for_apps import person_with_id_number

from .. import errors
from ..models import Case


def actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def check_not_future(done_on: dt.date, today: dt.date) -> None:
    if done_on > today:
        raise errors.StepInFuture(f"日期（{done_on:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。", field="done_on")


def roster_status(case: Case, status: str, *, joined_party_on: dt.date | None = None) -> Member:
    """Put CASE's person on the roster with STATUS through the people services (created when absent)."""
    member = case.member or person_with_id_number(case.id_number)
    if member is None:
        unit = case.org.units.order_by("id").first()
        member = people_services.member_create(
            data=people_services.MemberData(
                name=case.name,
                gender=case.gender,
                ethnicity=case.ethnicity,
                birth_date=case.birth_date,
                id_number=case.id_number,
                org=case.org,
                status=status,
                unit=unit,
                joined_party_on=joined_party_on,
            )
        )
    elif member.status != status or (joined_party_on and member.joined_party_on != joined_party_on):
        member = people_services.member_status_change(member=member, status=status, joined_party_on=joined_party_on)
    if case.member_id != member.pk:
        case.member = member
        case.save(update_fields=["member"])
    return member


def refuse_if_person_is_member(member: Member | None) -> None:
    if member is not None and member.status in ("full", "probationary"):
        raise errors.AlreadyPartyMember(
            f"{member.name}已是{member.get_status_display()}（{member.org.name}），无需受理入党申请。",
            field="id_number",
        )
