from django.urls import path

from . import views
from .import_urls import urlpatterns as import_urlpatterns

app_name = "people"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
] + import_urlpatterns
