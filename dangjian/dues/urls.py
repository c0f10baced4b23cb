from django.urls import path

from .views import imports, keepers, ledger, members, records, remittances

app_name = "dues"

urlpatterns = [
    path("", ledger.home, name="home"),
    path("sheet/", ledger.sheet, name="sheet"),
    path("sheet/reveal/", ledger.reveal, name="reveal"),
    path("mine/", members.mine, name="mine"),
    path("members/<int:pk>/", members.member, name="member"),
    path("members/<int:pk>/reveal/", members.reveal, name="member_reveal"),
    path("members/<int:pk>/base/", members.declare, name="declare"),
    path("members/<int:pk>/pay/", members.pay, name="pay"),
    path("members/<int:pk>/extra/", members.extra, name="extra"),
    path("payments/<int:pk>/void/", members.void, name="void"),
    path("import/", imports.import_page, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/template/", imports.import_template, name="import_template"),
    path("remittances/", remittances.remittances, name="remittances"),
    path("remittances/<int:pk>/confirm/", remittances.remittance_confirm, name="remittance_confirm"),
    path("remittances/<int:pk>/cancel/", remittances.remittance_cancel, name="remittance_cancel"),
    path("keepers/", keepers.keepers, name="keepers"),
    path("keepers/<int:pk>/revoke/", keepers.keeper_revoke, name="keeper_revoke"),
    path("records/expected/", records.records_expected, name="records_expected"),
    path("records/collected/", records.records_collected, name="records_collected"),
]
