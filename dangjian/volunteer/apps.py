from django.apps import AppConfig


class VolunteerConfig(AppConfig):
    name = "dangjian.volunteer"
    label = "volunteer"
    verbose_name = "志愿服务"
