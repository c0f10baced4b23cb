"""What the annual app declares: the committee's year-end work report (年度报告), written from the statistics."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import AnnualSettings
from .permissions import sees_reports

manifest = AppManifest(
    app="annual",
    label="年度报告",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("年度工作报告", "annual:reports", "report", sees_reports, icon="bi-file-earmark-text", nav="annual"),
    ),
    urls=(("annual/", "dangjian.annual.urls"),),
    api=(("/annual", "dangjian.annual.api:router"),),
    seeders=(Seeder("annual", "dangjian.annual.demo:seed_annual", order=90),),
    permission_rows="dangjian.annual.tests.permission_rows",
    settings=AnnualSettings,
)
