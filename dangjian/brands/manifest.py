"""What the brand app declares: plans and batches, submissions, review, the living list, figures."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import BrandsSettings
from .permissions import uses_brands

manifest = AppManifest(
    app="brands",
    label="党建品牌",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("品牌申报与认定", "brands:home", "brands", uses_brands, icon="bi-award", order=10, nav="brands"),
        MenuEntry(
            "创建规划与批次",
            "brands:plans",
            "brands",
            uses_brands,
            icon="bi-calendar-range",
            order=20,
            nav="brands_plans",
        ),
        MenuEntry(
            "培训交流", "brands:exchanges", "brands", uses_brands, icon="bi-people", order=30, nav="brands_exchanges"
        ),
    ),
    urls=(("brands/", "dangjian.brands.urls"),),
    api=(("/brands", "dangjian.brands.api:router"),),
    exports=(Export("党建品牌", "brands:home", personal=False),),
    seeders=(Seeder("brands", "dangjian.brands.demo:seed_brands", order=70),),
    permission_rows="dangjian.brands.tests.permission_rows",
    settings=BrandsSettings,
)
