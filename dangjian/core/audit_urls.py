from django.urls import path

from . import audit_views

app_name = "audit"

urlpatterns = [
    path("", audit_views.entry_list, name="list"),
    path("export.xlsx", audit_views.export, name="export"),
    path("<int:pk>/", audit_views.entry_detail, name="detail"),
]
