from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangjian.study"
    label = "study"
    verbose_name = "理论学习与组织生活"

    def ready(self) -> None:
        from dangjian.demo.extensions import register_seeder

        from . import stats  # noqa: F401  (registers metrics)
        from .demo import seed_study

        register_seeder("study", seed_study)
