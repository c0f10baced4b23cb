"""Certificates (志愿服务证明): issue and revoke.

The certifier is the recorder: a certificate covers the records one corps
wrote for one volunteer, and names that corps as issuer with its person in
charge, handler and contact. What it shows is copied at issue.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import errors
from ..conf import VolunteerSettings
from ..models import ActivityKind, Certificate, CertificateStatus, Corps, ServiceRecord, Volunteer

# No 0/O, 1/I/L: the number is read aloud and typed in by hand.
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NUMBER_RANDOM_LENGTH = 10


def new_certificate_number(year: int) -> str:
    """Prefix, year and random characters: unguessable, so the public page cannot be walked through."""
    tail = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_RANDOM_LENGTH))
    return f"{VolunteerSettings.current().certificate_prefix}{year}{tail}"


def normalize_number(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:32]


class Served(Protocol):
    """What the certificate's content is summed from: a service record, or the demo seeder's plan of one."""

    @property
    def activity_id(self) -> int: ...

    @property
    def hours(self) -> Decimal: ...


def content_of(records: Sequence[Served], kinds: dict[int, str]) -> str:
    by_kind: dict[str, list[Decimal]] = defaultdict(list)
    for r in records:
        by_kind[kinds[r.activity_id]].append(r.hours)
    parts = [
        f"{ActivityKind(kind).label}{len(hours)}次{sum(hours, Decimal(0)).normalize():f}小时"
        for kind, hours in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))
    ]
    return "参加" + "、".join(parts) + "的志愿服务"


@transaction.atomic
def certificate_issue(
    *,
    volunteer: Volunteer,
    corps: Corps,
    by,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> Certificate:
    """A certificate of VOLUNTEER's records written by CORPS in the period (all of them by default).

    Asked again on the same day for the same records (same period, same count
    and hours, not voided), it returns the certificate already issued rather
    than a second number for the same service: a double click, or printing
    twice, must not put two certificates into circulation. The volunteer's row
    is locked first, so two requests at once cannot both issue.
    """
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
    missing = [
        label
        for label, value in (
            ("负责人（总队长）", corps.leader_id),
            ("证明经办人", corps.handler_name),
            ("联系电话", corps.contact_phone),
        )
        if not value
    ]
    if missing:
        raise errors.CorpsIncomplete(corps=corps.name, missing="、".join(missing))
    if period_start and period_end and period_end < period_start:
        raise errors.PeriodReversed()
    records_qs = ServiceRecord.objects.filter(volunteer=volunteer, corps=corps)
    if period_start:
        records_qs = records_qs.filter(served_on__gte=period_start)
    if period_end:
        records_qs = records_qs.filter(served_on__lte=period_end)
    records = list(records_qs.order_by("served_on"))
    if not records:
        raise errors.NoRecords()
    kinds = dict(records_qs.values_list("activity_id", "activity__kind"))
    member = volunteer.member
    today = timezone.localdate()
    start, end = period_start or records[0].served_on, period_end or records[-1].served_on
    hours = sum((r.hours for r in records), Decimal(0))
    existing = (
        Certificate.objects.filter(
            volunteer=volunteer, corps=corps, period_start=start, period_end=end, issued_on=today,
            service_count=len(records), hours=hours, status=CertificateStatus.VALID,
        )
        .order_by("issued_at", "pk")
        .first()
    )  # fmt: skip
    if existing is not None:
        return existing
    certificate = Certificate(
        volunteer=volunteer,
        corps=corps,
        name=member.name,
        id_type=VolunteerSettings.current().certificate_id_type,
        volunteer_number=volunteer.number,
        period_start=start,
        period_end=end,
        service_count=len(records),
        hours=hours,
        content=content_of(records, kinds),
        issuer_name=corps.name,
        person_in_charge=corps.leader.name if corps.leader else "",
        handler=corps.handler_name,
        contact=corps.contact_phone,
        issued_on=today,
        issued_at=timezone.now(),
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    certificate.id_number = member.id_number
    for _attempt in range(5):
        certificate.number = new_certificate_number(today.year)
        try:
            with transaction.atomic():
                certificate.save()
            return certificate
        except IntegrityError:  # the same random number twice: draw again
            certificate.pk = None
    raise errors.NumberUnavailable()


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Void a certificate (wrong figures, corrected records …): the public page then says so."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        raise errors.AlreadyRevoked()
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise errors.ReasonMissing("请填写作废原因。", field="reason")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:200]
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by"])
    return certificate
