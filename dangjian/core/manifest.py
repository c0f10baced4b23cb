"""What the core app declares: the dashboard and the audit trail (see dangjian.core.manifests)."""

from __future__ import annotations

from django.urls import reverse

from dangjian.accounts import permissions

from . import scoping
from .importing.conf import ImportSettings
from .manifests import AppManifest, Export, Landing, MenuEntry

manifest = AppManifest(
    app="core",
    label="核心",
    menu=(
        MenuEntry("数据看板", "core:dashboard", "dashboard", scoping.can_see_orgs, icon="bi-bar-chart"),
        MenuEntry(
            "审计日志", "audit:list", "admin", permissions.is_auditor, icon="bi-journal-text", order=40, nav="audit"
        ),
    ),
    landings=(Landing(scoping.can_see_orgs, lambda user: reverse("core:dashboard"), order=20),),
    urls=(("", "dangjian.core.urls"), ("audit/", "dangjian.core.urls.audit")),
    api=(("/", "dangjian.core.api:router"),),
    exports=(Export("审计日志", "audit:export"),),
    permission_rows="dangjian.core.tests.permission_rows",
    settings=ImportSettings,
)
