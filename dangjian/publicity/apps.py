from django.apps import AppConfig
from django.core import checks


class PublicityConfig(AppConfig):
    name = "dangjian.publicity"
    label = "publicity"
    verbose_name = "宣传与信息报送"

    def ready(self) -> None:
        from .contentsec.conf import check_settings

        # The gate's own section, DANGJIAN["contentsec"], checked like the sections manifests name.
        checks.register(check_settings)
