from django.urls import path

from .views import records, results, schemes, scoring

app_name = "assessment"

urlpatterns = [
    path("", schemes.home, name="home"),
    path("mine/", scoring.mine, name="mine"),
    path("new/", schemes.scheme_new, name="scheme_new"),
    path("<int:pk>/", schemes.scheme_detail, name="scheme_detail"),
    path("<int:pk>/edit/", schemes.scheme_edit, name="scheme_edit"),
    path("<int:pk>/categories/new/", schemes.category_new, name="category_new"),
    path("<int:pk>/publish/", schemes.scheme_publish, name="scheme_publish"),
    path("<int:pk>/revise/", schemes.scheme_revise, name="scheme_revise"),
    path("categories/<int:pk>/delete/", schemes.category_delete, name="category_delete"),
    path("categories/<int:pk>/indicators/new/", schemes.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/edit/", schemes.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", schemes.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/score/", scoring.score_indicator, name="score_indicator"),
    path("indicators/<int:pk>/self/<str:code>/", scoring.self_mark, name="self_mark"),
    path("<int:pk>/orgs/<str:code>/", scoring.org_page, name="org_page"),
    path("evidence/<int:pk>/", scoring.evidence, name="evidence"),
    path("marks/<int:pk>/review/", scoring.review_mark, name="review_mark"),
    path("<int:pk>/reviews/", scoring.reviews, name="reviews"),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/results/compute/", results.compute, name="compute"),
    path("jobs/<uuid:pk>/", results.compute_job, name="compute_job"),
    path("<int:pk>/results/notice/", results.start_notice, name="start_notice"),
    path("<int:pk>/results/finalize/", results.finalize, name="finalize"),
    path("results/<int:pk>/", results.result_detail, name="result_detail"),
    path("results/<int:pk>/objections/new/", results.objection_new, name="objection_new"),
    path("objections/<int:pk>/answer/", results.objection_answer, name="objection_answer"),
    path("records/rated/", records.records_rated, name="records_rated"),
]
