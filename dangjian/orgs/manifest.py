"""What the orgs app declares: the tree, the setup checks, the organization import and their figures."""

from __future__ import annotations

from dangjian.core import scoping
from dangjian.core.manifests import AppManifest, Export, MenuEntry
from dangjian.core.registry import metrics_in

from . import stats
from .conf import OrgsSettings

manifest = AppManifest(
    app="orgs",
    label="党组织",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("组织架构", "orgs:tree", "orgs", scoping.can_see_orgs, icon="bi-diagram-3", nav="orgs"),
        MenuEntry(
            "设置合规检查",
            "orgs:compliance",
            "orgs",
            scoping.can_see_orgs,
            icon="bi-clipboard-check",
            order=20,
            nav="compliance",
        ),
        MenuEntry(
            "导入党组织",
            "orgs:import",
            "orgs",
            scoping.is_committee_staff,
            icon="bi-file-earmark-spreadsheet",
            order=30,
            nav="import",
        ),
    ),
    urls=(("orgs/", "dangjian.orgs.urls"),),
    api=(("/orgs", "dangjian.orgs.api:router"),),
    exports=(
        Export("党组织列表", "orgs:export", personal=False),
        Export("党组织设置检查", "orgs:compliance_export", personal=False),
    ),
    permission_rows="dangjian.orgs.tests.permission_rows",
    settings=OrgsSettings,
)
