"""Receiving an application (入党申请人): the case is opened in the branch that received it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import crypto, idcard
from dangjian.orgs.models import Organization, OrgKind, add_years
from dangjian.people.selectors.for_apps import person_with_id_number

from .. import errors
from ..conf import AdmissionSettings
from ..models import OPEN_STAGES, Case
from .common import actor, check_not_future, refuse_if_person_is_member
from .files import files_checked, files_save


@transaction.atomic
def case_open(
    *,
    org: Organization,
    name: str,
    id_number: str,
    applied_on: dt.date,
    ethnicity: str = "汉族",
    files: Sequence[Any] = (),
    by: Any = None,
    today: dt.date | None = None,
) -> Case:
    """Record an application for party membership received by the branch ORG on APPLIED_ON.

    The person is linked to their roster record when the ID number is on the roster (a
    non-party cadre); a party member, an applicant under the minimum age or a second open
    case of the same person is refused. FILES (the application letter 入党申请书 …) are checked
    before anything is written.
    """
    today = today or timezone.localdate()
    conf = AdmissionSettings.current()
    if org.kind != OrgKind.BRANCH:
        raise errors.NotABranch(field="org")
    name = name.strip()
    if not name:
        raise errors.NameMissing(field="name")
    try:
        number = idcard.validate(id_number)
    except idcard.IdNumberError as e:
        raise errors.IdNumberInvalid(str(e), field="id_number") from None
    check_not_future(applied_on, today)
    member = person_with_id_number(number)
    refuse_if_person_is_member(member)
    born = member.birth_date if member is not None else idcard.birth_date_of(number)
    if applied_on < add_years(born, conf.min_age):
        raise errors.ApplicantUnderAge(
            f"入党申请人须年满{conf.min_age}周岁：{name}生于{born:%Y-%m-%d}，"
            f"递交申请时（{applied_on:%Y-%m-%d}）未满{conf.min_age}周岁。",
            field="id_number",
        )
    digest = crypto.digest(number)
    if Case.objects.select_for_update().filter(id_number_digest=digest, stage__in=OPEN_STAGES).exists():
        raise errors.CaseAlreadyOpen(field="id_number")
    checked = files_checked(files)
    case = Case(
        org=org,
        member=member,
        name=name,
        gender=idcard.gender_of(number),
        ethnicity=(ethnicity or "汉族").strip()[:20],
        birth_date=born,
        applied_on=applied_on,
        created_by=actor(by),
    )
    case.id_number = number
    case.save()
    files_save(case, None, checked, by)
    return case
