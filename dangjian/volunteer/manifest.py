"""What the volunteer app declares: corps, brigades, activities, hours, and their figures."""

from __future__ import annotations

from typing import Any

from dangjian.core import scoping
from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import VolunteerSettings


def uses_volunteer(user: Any) -> bool:
    """Overseers and anyone on the roster (members sign up for activities)."""
    return scoping.can_see_orgs(user) or bool(getattr(user, "person_id", None))


manifest = AppManifest(
    app="volunteer",
    label="志愿服务",
    metrics=metrics_in(stats),
    menu=(MenuEntry("志愿服务", "volunteer:home", "volunteer", uses_volunteer, icon="bi-heart"),),
    urls=(("volunteer/", "dangjian.volunteer.urls"),),
    api=(("/volunteer", "dangjian.volunteer.api:router"),),
    exports=(
        Export("志愿服务活动", "volunteer:activity_export"),
        Export("志愿服务支队", "volunteer:brigade_export"),
        Export("结对共建", "volunteer:pairing_export"),
        Export("志愿服务证明", "volunteer:certificate_export"),
        Export("志愿服务记录", "volunteer:records_export"),
        Export("分队服务时长排行", "volunteer:ranking_teams_export", personal=False),
        Export("志愿者服务时长排行", "volunteer:ranking_people_export"),
    ),
    seeders=(Seeder("volunteer", "dangjian.volunteer.demo:seed_volunteer"),),
    permission_rows="dangjian.volunteer.tests.permission_rows",
    settings=VolunteerSettings,
)
