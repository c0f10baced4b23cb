from django.urls import path

from .views import activities, certificates, figures, home, hours, pairings, signup, structure, volunteers

app_name = "volunteer"

urlpatterns = [
    path("", home.home, name="home"),
    # Activities and sign-up
    path("activities/", activities.activity_list, name="activities"),
    path("activities/export.xlsx", activities.activity_export, name="activity_export"),
    path("activities/new/", activities.activity_new, name="activity_new"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/publish/", activities.activity_publish, name="activity_publish"),
    path("activities/<int:pk>/cancel/", activities.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/qr.svg", activities.activity_qr, name="activity_qr"),
    path("activities/<int:pk>/signup/", signup.signup, name="signup"),
    path("activities/<int:pk>/withdraw/", signup.withdraw, name="withdraw"),
    # Attendance and hours
    path("activities/<int:pk>/participants.xlsx", hours.participants_export, name="participants_export"),
    path(
        "activities/<int:pk>/participants/<int:participation_pk>/attendance/",
        hours.attendance_mark,
        name="attendance_mark",
    ),
    path("activities/<int:pk>/participants/<int:participation_pk>/hours/", hours.hours_adjust, name="hours_adjust"),
    path("activities/<int:pk>/confirm/", hours.hours_confirm, name="hours_confirm"),
    path("checkin/<str:token>/", hours.checkin, name="checkin"),
    path("records/<int:pk>/correct/", hours.record_correct, name="record_correct"),
    # Records, certificates, verification (public)
    path("my/", certificates.my_service, name="my_service"),
    path("my/certificates/issue/", certificates.certificate_issue_mine, name="certificate_issue_mine"),
    path("certificates/", certificates.certificate_list, name="certificates"),
    path("certificates/export.xlsx", certificates.certificate_export, name="certificate_export"),
    path("certificates/<str:number>.pdf", certificates.certificate_pdf_view, name="certificate_pdf"),
    path("certificates/<str:number>/revoke/", certificates.certificate_revoke, name="certificate_revoke"),
    path("verify/", certificates.verify, name="verify"),
    path("volunteers/<int:pk>/", volunteers.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<int:pk>/certificates/issue/", certificates.certificate_issue_for, name="certificate_issue_for"),
    # Structure
    path("corps/", structure.corps_edit, name="corps"),
    path("brigades/", structure.brigade_list, name="brigades"),
    path("brigades/export.xlsx", structure.brigade_export, name="brigade_export"),
    path("brigades/new/", structure.brigade_new, name="brigade_new"),
    path("brigades/<int:pk>/", structure.brigade_detail, name="brigade_detail"),
    path("brigades/<int:pk>/edit/", structure.brigade_edit, name="brigade_edit"),
    path("brigades/<int:pk>/teams/new/", structure.team_new, name="team_new"),
    path("teams/<int:pk>/", structure.team_detail, name="team_detail"),
    path("teams/<int:pk>/export.xlsx", structure.team_export, name="team_export"),
    path("teams/<int:pk>/members/add/", structure.team_member_add, name="team_member_add"),
    path("teams/<int:pk>/members/<int:volunteer_pk>/remove/", structure.team_member_remove, name="team_member_remove"),
    path("pairings/", pairings.pairing_list, name="pairings"),
    path("pairings/export.xlsx", pairings.pairing_export, name="pairing_export"),
    path("pairings/new/", pairings.pairing_new, name="pairing_new"),
    path("pairings/<int:pk>/", pairings.pairing_detail, name="pairing_detail"),
    # Figures
    path("records/", figures.records, name="records"),
    path("records/export.xlsx", figures.records_export, name="records_export"),
    path("rankings/", figures.rankings, name="rankings"),
    path("rankings/teams.xlsx", figures.ranking_teams_export, name="ranking_teams_export"),
    path("rankings/people.xlsx", figures.ranking_people_export, name="ranking_people_export"),
]
