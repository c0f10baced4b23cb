from django.urls import path

from .views import cases, corrections, pipeline, records

app_name = "admission"

urlpatterns = [
    path("", pipeline.overview, name="overview"),
    path("branches/<str:code>/", pipeline.branch, name="branch"),
    path("export/", pipeline.export, name="export"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/steps/<str:kind>/", cases.step_new, name="step_new"),
    path("cases/<int:pk>/steps/<int:step_pk>/correct/", corrections.step_correct, name="step_correct"),
    path("cases/<int:pk>/steps/<int:step_pk>/withdraw/", corrections.step_withdraw, name="step_withdraw"),
    path("files/<int:pk>/", corrections.file_download, name="file"),
    path("applicants/", records.records, {"key": "applicants"}, name="applicants"),
    path("activists/", records.records, {"key": "activists"}, name="activists"),
    path("candidates/", records.records, {"key": "candidates"}, name="candidates"),
    path("admitted/", records.records, {"key": "admitted"}, name="admitted"),
    path("converted/", records.records, {"key": "converted"}, name="converted"),
]
