"""What the dues tests share: bases and payments in the named world, a sheet of bases as an .xlsx."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.dues import services
from dangjian.dues.models import DuesBase
from dangjian.people.models import Member

YEAR = 2025  # a past year: every month is due


def declare(
    member: Member, base: Any = "4000", category: str = "in_work", year: int = YEAR, by: Any = None
) -> DuesBase:
    return services.base_declare(member=member, year=year, category=category, base=base, by=by)


def pay(member: Member, months: Any, *, year: int = YEAR, method: str = "wechat", amount: Any = None, by: Any = None):  # type: ignore[no-untyped-def]
    return services.payment_record(
        member=member, year=year, months=list(months), amount=amount, method=method,
        paid_on=dt.date(YEAR, 12, 1) if year == YEAR else timezone.localdate(), by=by,
    )  # fmt: skip


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or ["姓名", "身份证号", "人员类别", "缴费基数（元/月）"])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "基数.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def money(text: str) -> Decimal:
    return Decimal(text)


class DuesTestCase(BaseTestCase):
    """The named world, with a second member in branch A01 and one in A02."""

    def setUp(self) -> None:
        super().setUp()
        w = self.w
        self.a1_second = MemberFactory.create(name="王小红", male=False, org=w.branch_a1, unit=w.unit_a)
        self.a2_member = MemberFactory.create(name="赵志刚", org=w.branch_a2, unit=w.unit_a)
