from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "dangjian.liaison"
    label = "liaison"
    verbose_name = "联系点与流动讲堂"
