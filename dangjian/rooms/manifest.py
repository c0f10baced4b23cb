"""What the activity-room app declares: the checklist, rooms, inspections, rectification, figures."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import RoomsSettings
from .permissions import uses_rooms

manifest = AppManifest(
    app="rooms",
    label="党员活动室",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("党员活动室", "rooms:home", "assessment", uses_rooms, icon="bi-house-check", order=30, nav="rooms"),
        MenuEntry(
            "活动室整改", "rooms:rectifications", "assessment", uses_rooms, icon="bi-tools", order=31, nav="rooms_tasks"
        ),
    ),
    urls=(("rooms/", "dangjian.rooms.urls"),),
    api=(("/rooms", "dangjian.rooms.api:router"),),
    exports=(
        Export("党员活动室达标情况", "rooms:home", personal=False),
        Export("活动室整改任务", "rooms:rectifications", personal=False),
    ),
    seeders=(Seeder("rooms", "dangjian.rooms.demo:seed_rooms", order=60),),
    permission_rows="dangjian.rooms.tests.permission_rows",
    settings=RoomsSettings,
)
