from django.urls import path

from . import views
from .import_urls import urlpatterns as import_urlpatterns

app_name = "people"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.member_new, name="new"),
    path("full-time-deputies/", views.full_time_deputies, name="full_time_deputies"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/posts/new/", views.post_new, name="post_new"),
    path("<int:pk>/posts/<int:post_id>/end/", views.post_end, name="post_end"),
] + import_urlpatterns
