from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "dangjian.admission"
    label = "admission"
    verbose_name = "发展党员"
