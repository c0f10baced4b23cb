"""Every dues route as each named user sees it (see dangjian.core.permission_matrix).

prepare() declares bases for 张建国 (A01) and 李红梅 (B01), records a payment and
a remittance of A01, and appoints a keeper in A01 (an account of its own, not a
named user). Committee staff and the administrators keep the dues of their
subtrees; only committee staff (and a keeper) reveal bases; the member reads
their own dues.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.core.testing import MemberFactory, make_user
from dangjian.dues import services

YEAR = 2025


def prepare(case: Any) -> dict[str, object]:
    w = case.w
    services.base_declare(member=w.person_a, year=YEAR, category="in_work", base="4000")
    services.base_declare(member=w.person_b, year=YEAR, category="retired", base="3000")
    [payment] = services.payment_record(
        member=w.person_a, year=YEAR, months=[1], method="cash", paid_on=dt.date(YEAR, 1, 20)
    )
    remittance = services.remittance_record(
        org=w.branch_a1, year=YEAR, first_month=1, last_month=6, amount="240", remitted_on=dt.date(YEAR, 7, 1)
    )
    keeper_person = MemberFactory.create(name="钱收缴", org=w.branch_a1, unit=w.unit_a)
    keeper = services.keeper_appoint(org=w.branch_a1, user=make_user("dues_keeper", person=keeper_person), by=w.staff)
    return {"d_member": w.person_a.pk, "d_payment": payment.pk, "d_remittance": remittance.pk, "d_keeper": keeper.pk}


M = "/dues/members/{d_member}"
POSTED_400 = {"staff": 400, "admin_a": 400}
ROWS = {
    "dues:home": page("/dues/", **STAFF_AND_ADMINS),
    "dues:sheet": page("/dues/sheet/", **STAFF_AND_ADMINS),
    # Bases are shown to committee staff and the keeper, never to an organization administrator.
    "dues:reveal": page("/dues/sheet/reveal/", method="POST", staff=200),
    "dues:mine": page("/dues/mine/", member=200),
    "dues:member": page(f"{M}/", **IN_A),
    "dues:member_reveal": page(f"{M}/reveal/", method="POST", staff=200),
    "dues:declare": page(f"{M}/base/", method="POST", **POSTED_400),
    "dues:pay": page(f"{M}/pay/", method="POST", **POSTED_400),
    "dues:extra": page(f"{M}/extra/", method="POST", **POSTED_400),
    "dues:void": page("/dues/payments/{d_payment}/void/", method="POST", staff=302, admin_a=302),
    "dues:import": page("/dues/import/", **STAFF_AND_ADMINS),
    "dues:import_confirm": page("/dues/import/confirm/", method="POST", staff=302, admin_a=302, admin_b=302),
    "dues:import_template": page("/dues/import/template/", **STAFF_AND_ADMINS),
    "dues:remittances": page("/dues/remittances/", **STAFF_AND_ADMINS),
    "dues:remittance_confirm": page("/dues/remittances/{d_remittance}/confirm/", method="POST", staff=302, admin_a=302),
    "dues:remittance_cancel": page("/dues/remittances/{d_remittance}/cancel/", method="POST", staff=302, admin_a=302),
    "dues:keepers": page("/dues/keepers/", **STAFF_AND_ADMINS),
    "dues:keeper_revoke": page("/dues/keepers/{d_keeper}/revoke/", method="POST", staff=302, admin_a=302),
    "dues:records_expected": page("/dues/records/expected/", **STAFF_AND_ADMINS),
    "dues:records_collected": page("/dues/records/collected/", **STAFF_AND_ADMINS),
    "api-v1:dues_ledger": api("/api/v1/dues/ledger", **STAFF_AND_ADMINS),
    "api-v1:dues_member": api("/api/v1/dues/members/{d_member}", member=200, **IN_A),
}
