"""Every transfers route as each named user sees it (see dangjian.core.permission_matrix).

prepare() issues a letter out for a member of A's branch, receives a letter in addressed to
A's party committee and records a member of A in flow. Committee staff run the letters; A's
administrator reads A's records, places members received into A's branches and keeps A's
members in flow; B's administrator sees the lists (of B, empty) but nothing of A; members
and outsiders get a recorded 404. The POST rows send empty forms: refused, nothing written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.core.testing import MemberFactory, make_id_number
from dangjian.people.models import Member
from dangjian.transfers import services

STAFF_POST = {"staff": 302}
IN_A_POST = {"staff": 302, "admin_a": 302}


def prepare(case: Any) -> dict[str, object]:
    w = case.w
    today = timezone.localdate()
    leaving = cast(Member, MemberFactory(name="周转出", org=w.branch_a1))
    out = services.letter_issue(member=leaving, dest_name="中共某省直机关工委", reason="工作调动", by=w.staff)
    born = dt.date(1991, 2, 3)
    incoming = services.in_letter_receive(
        number="外〔2026〕1号", origin_name="中共某区委组织部", received_on=today, org=w.org_a, name="吴转入",
        gender="", ethnicity="汉族", birth_date=born, id_number=make_id_number(born, serial=401),
        party_status="full", joined_party_on=dt.date(2016, 7, 1), by=w.staff,
    )  # fmt: skip
    flow = services.flow_start(member=w.person_a, place="上海市浦东新区", since=today - dt.timedelta(days=20))
    return {"t_out": out.pk, "t_in": incoming.pk, "t_flow": flow.pk}


OUT = "/transfers/out/{t_out}"
INL = "/transfers/in/{t_in}"
ROWS = {
    "transfers:out": page("/transfers/out/", **STAFF_AND_ADMINS),
    "transfers:overdue": page("/transfers/out/overdue/", **STAFF_AND_ADMINS),
    "transfers:out_new": page("/transfers/out/new/", staff=200),
    "transfers:out_detail": page(f"{OUT}/", **IN_A),
    "transfers:out_receipt": page(f"{OUT}/receipt/", method="POST", **STAFF_POST),
    "transfers:out_expire": page(f"{OUT}/expire/", method="POST", **STAFF_POST),
    "transfers:out_cancel": page(f"{OUT}/cancel/", method="POST", **STAFF_POST),
    "transfers:out_print": page(f"{OUT}/print/", **IN_A),
    "transfers:incoming": page("/transfers/in/", **STAFF_AND_ADMINS),
    "transfers:in_new": page("/transfers/in/new/", staff=200),
    "transfers:in_detail": page(f"{INL}/", **IN_A),
    "transfers:in_place": page(f"{INL}/place/", method="POST", **IN_A_POST),
    "transfers:in_return": page(f"{INL}/return/", method="POST", **IN_A_POST),
    "transfers:flow": page("/transfers/flow/", **STAFF_AND_ADMINS),
    "transfers:flow_new": page("/transfers/flow/new/", **STAFF_AND_ADMINS),
    "transfers:flow_end": page("/transfers/flow/{t_flow}/end/", method="POST", **IN_A_POST),
    "api-v1:transfers_out": api("/api/v1/transfers/out", **STAFF_AND_ADMINS),
    "api-v1:transfers_overdue": api("/api/v1/transfers/out/overdue", **STAFF_AND_ADMINS),
    "api-v1:transfers_in": api("/api/v1/transfers/in", **STAFF_AND_ADMINS),
    "api-v1:transfers_flow": api("/api/v1/transfers/flow", **STAFF_AND_ADMINS),
}
