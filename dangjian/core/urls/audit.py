"""The auditor's pages, under /audit/ (namespace "audit")."""

from django.urls import path

from ..views import audit

app_name = "audit"

urlpatterns = [
    path("", audit.entry_list, name="list"),
    path("export.xlsx", audit.export, name="export"),
    path("<int:pk>/", audit.entry_detail, name="detail"),
]
