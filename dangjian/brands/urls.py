from django.urls import path

from .views import batches, brands, living, public, records

app_name = "brands"

urlpatterns = [
    path("", brands.brand_list, name="home"),
    path("new/", brands.brand_new, name="brand_new"),
    path("<int:pk>/", brands.brand_detail, name="brand_detail"),
    path("<int:pk>/edit/", brands.brand_edit, name="brand_edit"),
    path("<int:pk>/submit/", brands.brand_submit, name="brand_submit"),
    path("<int:pk>/return/", brands.brand_return, name="brand_return"),
    path("<int:pk>/logo/", brands.brand_logo, name="brand_logo"),
    path("<int:pk>/certificate.pdf", brands.brand_certificate, name="certificate"),
    path("<int:pk>/evidence/", brands.evidence_add, name="evidence_add"),
    path("<int:pk>/versions/<int:number>/", brands.version_detail, name="version_detail"),
    path("<int:pk>/score/", batches.score, name="score"),
    path("<int:pk>/visit/", batches.visit_new, name="visit_new"),
    path("<int:pk>/reevaluate/", living.reevaluate, name="reevaluate"),
    path("evidence/<int:pk>/", brands.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", brands.evidence_remove, name="evidence_remove"),
    path("visit-photos/<int:pk>/", batches.visit_photo, name="visit_photo"),
    path("reevaluations/<int:pk>/confirm/", living.reeval_confirm, name="reeval_confirm"),
    path("reevaluations/<int:pk>/withdraw/", living.reeval_withdraw, name="reeval_withdraw"),
    path("plans/", batches.plan_list, name="plans"),
    path("plans/new/", batches.plan_new, name="plan_new"),
    path("plans/<int:pk>/stages/new/", batches.stage_new, name="stage_new"),
    path("stages/<int:pk>/batches/new/", batches.batch_new, name="batch_new"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/reviewers/", batches.reviewer_add, name="reviewer_add"),
    path("batches/<int:pk>/<str:step>/", batches.batch_step, name="batch_step"),
    path("exchanges/", living.exchange_list, name="exchanges"),
    path("exchanges/new/", living.exchange_new, name="exchange_new"),
    path("records/submitted/", records.records_submitted, name="records_submitted"),
    path("records/recognized/", records.records_recognized, name="records_recognized"),
    path("records/downgraded/", records.records_downgraded, name="records_downgraded"),
    path("records/revoked/", records.records_revoked, name="records_revoked"),
    path("records/training/", records.records_training, name="records_training"),
    path("wall/", public.wall, name="wall"),
    path("wall/<int:pk>/", public.wall_brand, name="wall_brand"),
    path("wall/<int:pk>/logo/", public.wall_logo, name="wall_logo"),
    path("verify/<uuid:token>/", public.verify, name="verify"),
]
