from django.urls import path

from .views import ballots, changes, records, reports, rounds, talks

app_name = "evaluation"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_new, name="round_new"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/close/", rounds.round_close, name="round_close"),
    path("<int:pk>/evaluators/", rounds.evaluators, name="evaluators"),
    path("<int:pk>/slips/", rounds.slips, name="slips"),
    path("<int:pk>/edit/", changes.round_edit, name="round_edit"),
    path("<int:pk>/deadline/", changes.round_deadline, name="round_deadline"),
    path("<int:pk>/subjects/add/", changes.subject_add, name="subject_add"),
    path("subjects/<int:pk>/remove/", changes.subject_remove, name="subject_remove"),
    path("<int:pk>/reminders/", changes.reminders, name="reminders"),
    path("<int:pk>/reminders/hand-out/", changes.reminders_hand_out, name="reminders_hand_out"),
    path("evaluators/<int:pk>/remove/", rounds.evaluator_remove, name="evaluator_remove"),
    path("evaluators/<int:pk>/renew/", rounds.evaluator_renew, name="evaluator_renew"),
    path("reports/<int:pk>/", reports.report_edit, name="report"),
    path("reports/<int:pk>/file/", reports.report_file, name="report_file"),
    path("mine/", reports.mine, name="mine"),
    path("talks/", talks.talk_list, name="talks"),
    path("talks/<int:pk>/", talks.talk_edit, name="talk_edit"),
    path("talks/<int:pk>/close/", talks.talk_close, name="talk_close"),
    path("records/scores/", records.scores, name="records_scores"),
    path("records/reports/", records.reports, name="records_reports"),
    path("b/<str:token>/", ballots.ballot, name="ballot"),
]
