from django.urls import path

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from .importing import import_orgs_file, template_bytes
from .models import Organization
from .views import lists, picker, tree

app_name = "orgs"

# Importing organizations from Excel on the web: upload → preview → confirm. Committee staff only.
IMPORT = ImportSpec(
    kind="orgs",
    label="党组织",
    import_file=import_orgs_file,
    template_bytes=template_bytes,
    template_name="orgs/import.html",
    url_namespace="orgs",
    may_import=scoping.is_committee_staff,
    key_label="组织编码",
    model=Organization,
)

# Fixed paths (and the import pages) come before "<code>/", which would swallow them.
urlpatterns = [
    path("", tree.tree, name="tree"),
    path("pick/", picker.org_pick, name="pick"),
    path("compliance/", lists.compliance_page, name="compliance"),
    path("compliance/export.xlsx", lists.compliance_export, name="compliance_export"),
    path("export.xlsx", lists.export, name="export"),
    path("records/affiliation-changes/", lists.affiliation_changes, name="affiliation_changes"),
    path("records/elections/", lists.elections, name="elections"),
    path("records/overdue/", lists.overdue, name="overdue"),
    *import_urlpatterns(IMPORT),
    path("<str:code>/", tree.detail, name="detail"),
    path("<str:code>/children/", tree.children, name="children"),
    path("<str:code>/move/", tree.move, name="move"),
    path("<str:code>/elections/", tree.election_record, name="election_record"),
    path("<str:code>/extensions/", tree.term_extend, name="term_extend"),
]
