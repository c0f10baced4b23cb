from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "dangjian.assessment"
    label = "assessment"
    verbose_name = "党建考核"
