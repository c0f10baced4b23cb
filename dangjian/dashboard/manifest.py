"""What the dashboard app declares: the charts page (数据看板), display links (大屏) and their figure.

The kernel's own 数据看板 (every figure as a number, dangjian.core) stays where it is and
keeps its landing; this app adds the charts beside it in the same menu section.
"""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import DashboardSettings
from .permissions import manages_screens, sees_dashboard

NAV, SCR = "charts", "screens"

manifest = AppManifest(
    app="dashboard",
    label="数据看板",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("图表看板", "dashboard:board", "dashboard", sees_dashboard, icon="bi-graph-up", order=5, nav=NAV),
        MenuEntry(
            "大屏展示链接", "dashboard:screens", "dashboard", manages_screens, icon="bi-display", order=20, nav=SCR
        ),
    ),
    urls=(("charts/", "dangjian.dashboard.urls"),),
    api=(("/dashboard", "dangjian.dashboard.api:router"),),
    exports=(Export("数据看板图表数据", "dashboard:export", personal=False),),
    seeders=(Seeder("dashboard", "dangjian.dashboard.demo:seed_dashboard", order=90),),
    permission_rows="dangjian.dashboard.tests.permission_rows",
    settings=DashboardSettings,
)
