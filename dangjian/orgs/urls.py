from django.urls import path

from . import views, views_lists
from .import_urls import urlpatterns as import_urlpatterns

app_name = "orgs"

# Fixed paths (and the import pages) come before "<code>/", which would swallow them.
urlpatterns = [
    path("", views.tree, name="tree"),
    path("compliance/", views_lists.compliance_page, name="compliance"),
    path("compliance/export.xlsx", views_lists.compliance_export, name="compliance_export"),
    path("export.xlsx", views_lists.export, name="export"),
    path("records/affiliation-changes/", views_lists.affiliation_changes, name="affiliation_changes"),
    path("records/elections/", views_lists.elections, name="elections"),
    path("records/overdue/", views_lists.overdue, name="overdue"),
    *import_urlpatterns,
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/move/", views.move, name="move"),
    path("<str:code>/elections/", views.election_record, name="election_record"),
    path("<str:code>/extensions/", views.term_extend, name="term_extend"),
]
