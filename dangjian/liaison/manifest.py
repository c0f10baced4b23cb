"""What the liaison app declares: liaison points (联系点) and mobile lectures (流动讲堂), and their figures."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import LiaisonSettings
from .permissions import sees_liaison

manifest = AppManifest(
    app="liaison",
    label="联系点与流动讲堂",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("联系点", "liaison:points", "assessment", sees_liaison, icon="bi-people", order=20, nav="liaison"),
        MenuEntry(
            "流动讲堂", "liaison:lectures", "assessment", sees_liaison, icon="bi-easel", order=30, nav="lectures"
        ),
    ),
    urls=(("liaison/", "dangjian.liaison.urls"),),
    api=(("/liaison", "dangjian.liaison.api:router"),),
    exports=(
        Export("联系点", "liaison:points"),
        Export("联系点走访记录", "liaison:visits"),
        Export("未走访组织", "liaison:unvisited", personal=False),
        Export("流动讲堂", "liaison:lectures", personal=False),
        Export("流动讲堂听讲人次", "liaison:attendances"),
    ),
    seeders=(Seeder("liaison", "dangjian.liaison.demo:seed_liaison", order=60),),
    permission_rows="dangjian.liaison.tests.permission_rows",
    settings=LiaisonSettings,
)
