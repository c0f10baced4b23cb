"""Importing organizations from Excel on the web: upload → preview → confirm. Committee staff only."""

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from .importing import import_orgs_file, template_bytes
from .models import Organization

SPEC = ImportSpec(
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

urlpatterns = import_urlpatterns(SPEC)
