"""What the evaluation app declares: the secretaries' report-and-evaluation (述职评议) and its figures."""

from __future__ import annotations

from dangjian.core.manifests import AppManifest, Export, MenuEntry, Seeder
from dangjian.core.registry import metrics_in

from . import stats
from .conf import EvaluationSettings
from .permissions import files_own_report, sees_evaluation

manifest = AppManifest(
    app="evaluation",
    label="述职评议",
    metrics=metrics_in(stats),
    menu=(
        MenuEntry(
            "述职评议",
            "evaluation:rounds",
            "assessment",
            sees_evaluation,
            icon="bi-ui-checks",
            order=40,
            nav="evaluation",
        ),
        MenuEntry(
            "述职约谈",
            "evaluation:talks",
            "assessment",
            sees_evaluation,
            icon="bi-chat-square-text",
            order=41,
            nav="evaluation_talks",
        ),  # fmt: skip
        MenuEntry("我的述职", "evaluation:mine", "mine", files_own_report, icon="bi-journal-text", order=40),
    ),
    urls=(("evaluation/", "dangjian.evaluation.urls"),),
    api=(("/evaluation", "dangjian.evaluation.api:router"),),
    exports=(
        Export("述职评议结果", "evaluation:records_scores"),
        Export("述职约谈名单", "evaluation:talks"),
    ),
    seeders=(Seeder("evaluation", "dangjian.evaluation.demo:seed_evaluation", order=70),),
    permission_rows="dangjian.evaluation.tests.permission_rows",
    settings=EvaluationSettings,
)
