from django.urls import path

from .views import jobs, records, reports

app_name = "annual"

urlpatterns = [
    path("", reports.report_list, name="reports"),
    path("new/", reports.report_new, name="report_new"),
    path("<int:pk>/", reports.report_detail, name="report"),
    path("<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("<int:pk>/freeze/", reports.report_freeze, name="report_freeze"),
    path("<int:pk>/reopen/", reports.report_reopen, name="report_reopen"),
    path("<int:pk>/send/", reports.report_send, name="report_send"),
    path("<int:pk>/file/<slug:kind>/", reports.report_file, name="report_file"),
    path("jobs/<uuid:pk>/", jobs.job_detail, name="job"),
    path("jobs/<uuid:pk>/download/", jobs.job_download, name="job_download"),
    path("records/sent/", records.records_sent, name="records_sent"),
]
