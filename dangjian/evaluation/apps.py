from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangjian.evaluation"
    label = "evaluation"
    verbose_name = "述职评议"
