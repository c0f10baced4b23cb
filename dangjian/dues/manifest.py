"""What the dues app declares: bases, payments, ledgers, remittances, keepers, figures."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import DuesSettings
from .permissions import has_own_record, uses_dues


def _own_dues(user: Any) -> str:
    return reverse("dues:mine")


manifest = AppManifest(
    app="dues",
    label="党费管理",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("党费管理", "dues:home", "orgs", uses_dues, icon="bi-cash-coin", order=40, nav="dues"),
        MenuEntry("我的党费", "dues:mine", "mine", has_own_record, icon="bi-cash-coin", order=20, url_for=_own_dues),
    ),
    urls=(("dues/", "dangjian.dues.urls"),),
    api=(("/dues", "dangjian.dues.api:router"),),
    exports=(
        Export("党费收缴台账", "dues:home", personal=False),
        Export("党费收缴明细表（含缴费基数）", "dues:sheet", personal=True),
    ),
    seeders=(Seeder("dues", "dangjian.dues.demo:seed_dues", order=70),),
    permission_rows="dangjian.dues.tests.permission_rows",
    settings=DuesSettings,
)
