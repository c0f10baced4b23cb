from django.urls import path

from .views import lectures, points, requests

app_name = "liaison"

urlpatterns = [
    path("points/", points.points, name="points"),
    path("points/new/", points.point_new, name="point_new"),
    path("points/<int:pk>/", points.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", points.point_edit, name="point_edit"),
    path("points/<int:pk>/visits/new/", points.visit_new, name="visit_new"),
    path("followups/<int:pk>/close/", points.followup_close, name="followup_close"),
    path("visits/", points.visits, name="visits"),
    path("unvisited/", points.unvisited, name="unvisited"),
    path("lectures/", lectures.lectures, name="lectures"),
    path("lectures/new/", lectures.lecture_new, name="lecture_new"),
    path("lectures/<int:pk>/", lectures.lecture_detail, name="lecture_detail"),
    path("lectures/<int:pk>/held/", lectures.lecture_held, name="lecture_held"),
    path("lectures/<int:pk>/attendance/", lectures.lecture_attendance, name="lecture_attendance"),
    path("lectures/<int:pk>/materials/", lectures.material_upload, name="material_upload"),
    path("materials/<int:pk>/", lectures.material_download, name="material_download"),
    path("attendances/", lectures.attendances, name="attendances"),
    path("requests/", requests.requests, name="requests"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/<int:pk>/schedule/", requests.request_schedule, name="request_schedule"),
    path("requests/<int:pk>/decline/", requests.request_decline, name="request_decline"),
]
