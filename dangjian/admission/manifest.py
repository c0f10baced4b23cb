"""What the admission app declares: the 发展党员 pipeline, its figures and exports."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import AdmissionSettings
from .permissions import sees_admission

manifest = AppManifest(
    app="admission",
    label="发展党员",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry(
            "发展党员",
            "admission:overview",
            "membership",
            sees_admission,
            icon="bi-person-plus",
            order=10,
            nav="admission",
        ),
    ),  # fmt: skip
    urls=(("admission/", "dangjian.admission.urls"),),
    api=(("/admission", "dangjian.admission.api:router"),),
    exports=(
        Export("发展党员工作台账", "admission:export"),
        Export("入党申请人", "admission:applicants"),
        Export("入党积极分子", "admission:activists"),
        Export("发展对象", "admission:candidates"),
        Export("发展党员（预备党员）", "admission:admitted"),
        Export("预备党员转正", "admission:converted"),
    ),
    seeders=(Seeder("admission", "dangjian.admission.demo:seed_admission", order=70),),
    permission_rows="dangjian.admission.tests.permission_rows",
    settings=AdmissionSettings,
)
