from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "dangjian.rooms"
    label = "rooms"
    verbose_name = "党员活动室"
