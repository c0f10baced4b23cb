"""What the assessment app declares: the year's scheme, marks, results, and the figure units_rated."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import AssessmentSettings
from .permissions import admins_own, is_staff_user

manifest = AppManifest(
    app="assessment",
    label="党建考核",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry("党建考核", "assessment:home", "assessment", is_staff_user, icon="bi-clipboard-check", order=10),
        MenuEntry(
            "本组织考核",
            "assessment:mine",
            "assessment",
            admins_own,
            icon="bi-clipboard-check",
            order=11,
            nav="assessment_mine",
        ),
    ),
    urls=(("assessment/", "dangjian.assessment.urls"),),
    api=(("/assessment", "dangjian.assessment.api:router"),),
    exports=(Export("完成考核评定的党组织", "assessment:records_rated", personal=False),),
    seeders=(Seeder("assessment", "dangjian.assessment.demo:seed_assessment", order=80),),
    permission_rows="dangjian.assessment.tests.permission_rows",
    settings=AssessmentSettings,
)
