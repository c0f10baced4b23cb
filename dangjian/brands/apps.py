from django.apps import AppConfig


class BrandsConfig(AppConfig):
    name = "dangjian.brands"
    label = "brands"
    verbose_name = "党建品牌"
