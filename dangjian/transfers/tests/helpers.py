"""The transfers tests' world: the named World, fixed days, and one call per use case with defaults.

Dates are fixed in LAST_YEAR (TODAY is passed to the services), so no test depends on the
day it runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from dangjian.core.testing import BaseTestCase, MemberFactory, make_id_number
from dangjian.people.models import Member
from dangjian.transfers import services
from dangjian.transfers.models import FlowMember, InLetter, OutLetter

LAST_YEAR = timezone.localdate().year - 1
TODAY = dt.date(LAST_YEAR, 12, 1)


def day(month: int, d: int = 1) -> dt.date:
    return dt.date(LAST_YEAR, month, d)


def person(**fields: Any) -> Member:
    return cast(Member, MemberFactory(**fields))


class TransfersTestCase(BaseTestCase):
    def issue(self, member: Member | None = None, **fields: Any) -> OutLetter:
        args: dict[str, Any] = {
            "member": member or self.w.person_a,
            "dest_name": "中共北京市海淀区委组织部",
            "dest_level": "区委组织部",
            "dest_contact": "010-12345678",
            "reason": "工作调动",
            "issued_on": day(10, 1),
            "by": self.w.staff,
            "today": TODAY,
        }
        args.update(fields)
        return services.letter_issue(**args)

    def receive(self, **fields: Any) -> InLetter:
        born = dt.date(1990, 5, 6)
        args: dict[str, Any] = {
            "number": "京直工〔2025〕第088号",
            "origin_name": "中共北京市直属机关工委",
            "received_on": day(11, 2),
            "org": self.w.committee,
            "name": "孙立新",
            "gender": "",
            "ethnicity": "汉族",
            "birth_date": born,
            "id_number": make_id_number(born, male=True, serial=77),
            "party_status": "full",
            "joined_party_on": dt.date(2015, 7, 1),
            "phone": "13900001111",
            "by": self.w.staff,
            "today": TODAY,
        }
        args.update(fields)
        return services.in_letter_receive(**args)

    def flow(self, member: Member | None = None, **fields: Any) -> FlowMember:
        args: dict[str, Any] = {
            "member": member or self.w.person_a,
            "place": "广东省深圳市南山区",
            "employer": "某科技公司",
            "contact": "13800002222",
            "since": day(3, 1),
            "expected_return": day(12, 31),
            "by": self.w.admin_a,
            "today": TODAY,
        }
        args.update(fields)
        return services.flow_start(**args)
