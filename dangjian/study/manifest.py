"""What the study app declares: theory study, training and organization life, and their figures."""

from __future__ import annotations

from typing import Any

from dangjian.core import scoping
from dangjian.core.manifests import AppManifest, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import StudySettings


def uses_study(user: Any) -> bool:
    """Overseers and anyone on the roster (members sign up for training and see their record)."""
    return scoping.can_see_orgs(user) or bool(getattr(user, "person_id", None))


manifest = AppManifest(
    app="study",
    label="理论学习与组织生活",
    metrics=metrics_in(stats),
    menu=(MenuEntry("学习培训", "study:home", "study", uses_study, icon="bi-book"),),
    urls=(("study/", "dangjian.study.urls"),),
    api=(("/study", "dangjian.study.api:router"),),
    seeders=(Seeder("study", "dangjian.study.demo:seed_study"),),
    permission_rows="dangjian.study.tests.permission_rows",
    settings=StudySettings,
)
