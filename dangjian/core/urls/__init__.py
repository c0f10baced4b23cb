"""The kernel's pages: each user's landing and the dashboard (the auditor's pages: urls/audit.py)."""

from django.urls import path

from ..views import pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", pages.dashboard, name="dashboard"),
]
