from django.urls import path

from .views import flow, incoming, out

app_name = "transfers"

urlpatterns = [
    path("out/", out.letters, name="out"),
    path("out/overdue/", out.overdue, name="overdue"),
    path("out/new/", out.letter_new, name="out_new"),
    path("out/<int:pk>/", out.letter_detail, name="out_detail"),
    path("out/<int:pk>/receipt/", out.letter_receipt, name="out_receipt"),
    path("out/<int:pk>/expire/", out.letter_expire, name="out_expire"),
    path("out/<int:pk>/cancel/", out.letter_cancel, name="out_cancel"),
    path("out/<int:pk>/print/", out.letter_print, name="out_print"),
    path("in/", incoming.letters, name="incoming"),
    path("in/new/", incoming.letter_new, name="in_new"),
    path("in/<int:pk>/", incoming.letter_detail, name="in_detail"),
    path("in/<int:pk>/place/", incoming.letter_place, name="in_place"),
    path("in/<int:pk>/return/", incoming.letter_return, name="in_return"),
    path("flow/", flow.flows, name="flow"),
    path("flow/new/", flow.flow_new, name="flow_new"),
    path("flow/<int:pk>/end/", flow.flow_end, name="flow_end"),
]
