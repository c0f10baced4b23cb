"""What the publicity app declares: articles, the public website, reports, and their figures."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.manifests import AppManifest, DemoAccount, Landing, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import permissions, stats
from .conf import PublicitySettings

manifest = AppManifest(
    app="publicity",
    label="宣传与信息报送",
    metrics=metrics_in(stats),
    menu=(MenuEntry("宣传报送", "publicity:home", "publicity", permissions.uses_publicity, icon="bi-megaphone"),),
    # Editors and reviewers who hold no other role land on the publicity workspace.
    landings=(Landing(permissions.uses_publicity, lambda user: reverse("publicity:home"), order=40),),
    urls=(("publicity/", "dangjian.publicity.urls"), ("news/", "dangjian.publicity.urls.news")),
    api=(("/publicity", "dangjian.publicity.api:router"),),
    seeders=(Seeder("publicity", "dangjian.publicity.demo:seed_publicity"),),
    demo_accounts=(DemoAccount("编辑（宣传）", "bianji"), DemoAccount("审核（宣传）", "shenhe")),
    permission_rows="dangjian.publicity.tests.permission_rows",
    settings=PublicitySettings,
)
