"""What the people app declares: the roster, one's own record, the roster import and their figures."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dangjian.core import scoping
from dangjian.core.manifests import AppManifest, Export, Landing, MenuEntry
from dangjian.core.registry import metrics_in

from . import stats
from .conf import PeopleSettings


def _has_own_record(user: Any) -> bool:
    return bool(getattr(user, "person_id", None))


def _own_record(user: Any) -> str:
    return reverse("people:detail", args=[user.person_id])


manifest = AppManifest(
    app="people",
    label="人员",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("党员名册", "people:list", "orgs", scoping.can_see_orgs, icon="bi-people", order=10, nav="members"),
        MenuEntry(
            "导入人员名册",
            "people:import",
            "orgs",
            scoping.can_see_orgs,
            icon="bi-file-earmark-spreadsheet",
            order=31,
            nav="import",
        ),
        MenuEntry("我的档案", "people:detail", "mine", _has_own_record, icon="bi-person", url_for=_own_record),
    ),
    landings=(Landing(_has_own_record, _own_record, order=30),),
    urls=(("members/", "dangjian.people.urls"),),
    api=(("/members", "dangjian.people.api:router"),),
    exports=(Export("党员名册", "people:export"),),
    permission_rows="dangjian.people.tests.permission_rows",
    settings=PeopleSettings,
)
