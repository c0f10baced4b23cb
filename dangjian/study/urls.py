from django.urls import path

from .views import (
    calendar,
    central_group,
    checkin,
    days,
    frequency,
    home,
    imports,
    materials,
    meetings,
    my_training,
    observers,
    records,
    training,
)

app_name = "study"

urlpatterns = [
    path("", home.home, name="home"),
    path("me/", home.my_record, name="my_record"),
    path("reminders/", home.reminders, name="reminders"),
    # central-group study (中心组学习)
    path("groups/", central_group.group_list, name="groups"),
    path("groups/new/", central_group.group_new, name="group_new"),
    path("groups/frequency/", frequency.frequency, name="frequency"),
    path("groups/<int:pk>/", central_group.group_detail, name="group_detail"),
    path("groups/<int:pk>/members/", central_group.group_members, name="group_members"),
    path("groups/<int:pk>/sessions/new/", central_group.session_new, name="session_new"),
    path("sessions/", central_group.session_list, name="sessions"),
    path("sessions/<int:pk>/", central_group.session_detail, name="session_detail"),
    path("sessions/<int:pk>/attendance/", central_group.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/cancel/", central_group.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/materials/", materials.material_upload, name="material_upload"),
    path("materials/<int:pk>/", materials.material_download, name="material_download"),
    # observers (列席)
    path("sessions/<int:pk>/observers/", observers.observers_add, name="observers_add"),
    path("observer-tasks/", observers.my_tasks, name="observer_tasks"),
    path("observer-tasks/<int:pk>/", observers.writeup, name="writeup"),
    path("observers/", observers.overview, name="observers"),
    # training classes (培训班)
    path("training/", training.class_list, name="classes"),
    path("training/open/", my_training.open_list, name="open_classes"),
    path("training/new/", training.class_new, name="class_new"),
    path("training/<int:pk>/", training.class_detail, name="class_detail"),
    path("training/<int:pk>/enrol/", training.class_enrol, name="class_enrol"),
    path("training/<int:pk>/signup/", training.class_signup, name="class_signup"),
    path("training/<int:pk>/cancel/", training.class_cancel, name="class_cancel"),
    path("training/enrolments/<int:pk>/withdraw/", training.enrolment_withdraw, name="enrolment_withdraw"),
    path("training/enrolments/<int:pk>/certificate.pdf", training.certificate, name="certificate"),
    path("training/days/<int:pk>/", days.day_detail, name="day_detail"),
    path("training/days/<int:pk>/count/", days.day_count, name="day_count"),
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
    # organization life (三会一课)
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/attachments/", meetings.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", meetings.attachment_download, name="attachment_download"),
    path("calendar/", calendar.org_calendar, name="calendar"),
    path("calendar/behind/", calendar.behind, name="behind"),
    # sign-in sheets from Excel (past records)
    path("import/<str:target>/<int:pk>/", imports.import_page, name="import"),
    path("import/<str:target>/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/<str:target>/template.xlsx", imports.import_template, name="import_template"),
    # the records behind each figure (?org=CODE&year=YYYY)
    path("records/sessions/", records.sessions, name="records_sessions"),
    path("records/session-attendances/", records.session_attendances, name="records_session_attendances"),
    path("records/classes/", records.classes, name="records_classes"),
    path("records/training-attendances/", records.training_attendances, name="records_training_attendances"),
    path("records/meetings/", records.meetings, name="records_meetings"),
    path("records/compliance/", records.compliance, name="records_compliance"),
]
