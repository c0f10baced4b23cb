"""What the transfers app declares: organizational relations moved out of and into the committee
(组织关系转接), members in flow (流动党员), and their figures."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import TransfersSettings
from .permissions import sees_transfers

manifest = AppManifest(
    app="transfers",
    label="组织关系转接",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry(
            "组织关系转接",
            "transfers:out",
            "orgs",
            sees_transfers,
            icon="bi-arrow-left-right",
            order=40,
            nav="transfers",
        ),
        MenuEntry(
            "流动党员", "transfers:flow", "orgs", sees_transfers, icon="bi-geo-alt", order=41, nav="transfers_flow"
        ),
    ),
    urls=(("transfers/", "dangjian.transfers.urls"),),
    api=(("/transfers", "dangjian.transfers.api:router"),),
    exports=(
        Export("组织关系转出（介绍信）", "transfers:out"),
        Export("回执逾期未返回的介绍信", "transfers:overdue"),
        Export("组织关系转入", "transfers:incoming"),
        Export("流动党员", "transfers:flow"),
    ),
    seeders=(Seeder("transfers", "dangjian.transfers.demo:seed_transfers", order=90),),
    permission_rows="dangjian.transfers.tests.permission_rows",
    settings=TransfersSettings,
)
