from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "dangjian.publicity"
    label = "publicity"
    verbose_name = "宣传与信息报送"

    def ready(self) -> None:
        from dangjian.demo.accounts import register_demo_account
        from dangjian.demo.extensions import register_seeder

        from . import stats  # noqa: F401  (registers the metrics)
        from .demo import seed_publicity

        register_seeder("publicity", seed_publicity)
        register_demo_account("编辑（宣传）", "bianji")
        register_demo_account("审核（宣传）", "shenhe")
