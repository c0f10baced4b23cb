"""Routes of the organization import pages."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("import/", import_views.import_page, name="import"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
]
