from django.urls import path

from .views import checklist, inspections, records, rooms, tasks

app_name = "rooms"

urlpatterns = [
    path("", rooms.room_list, name="home"),
    path("new/", rooms.room_new, name="room_new"),
    path("<int:pk>/", rooms.room_detail, name="room_detail"),
    path("<int:pk>/edit/", rooms.room_edit, name="room_edit"),
    path("<int:pk>/inspect/", inspections.inspect, name="inspect"),
    path("<int:pk>/recheck/", inspections.recheck, name="recheck"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("photos/<int:pk>/", inspections.photo, name="photo"),
    path("photos/<int:pk>/thumb/", inspections.photo_thumb, name="photo_thumb"),
    path("rectifications/", tasks.rectification_list, name="rectifications"),
    path("checklist/", checklist.checklist, name="checklist"),
    path("checklist/items/new/", checklist.item_new, name="item_new"),
    path("checklist/items/<int:pk>/edit/", checklist.item_edit, name="item_edit"),
    path("checklist/items/<int:pk>/delete/", checklist.item_delete, name="item_delete"),
    path("records/standardized/", records.records_standardized, name="records_standardized"),
    path("records/overdue/", records.records_overdue, name="records_overdue"),
]
