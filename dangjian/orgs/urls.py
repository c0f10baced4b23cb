from django.urls import path

from . import views
from .import_urls import urlpatterns as import_urlpatterns

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("compliance/", views.compliance, name="compliance"),
    path("<str:code>/", views.detail, name="detail"),
] + import_urlpatterns
