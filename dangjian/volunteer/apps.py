from django.apps import AppConfig


class VolunteerConfig(AppConfig):
    name = "dangjian.volunteer"
    label = "volunteer"
    verbose_name = "志愿服务"

    def ready(self) -> None:
        from dangjian.demo.extensions import register_seeder

        from . import stats  # noqa: F401  (registers the metrics)
        from .demo import seed_volunteer

        register_seeder("volunteer", seed_volunteer)
