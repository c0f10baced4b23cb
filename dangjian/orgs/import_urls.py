"""Importing organizations from Excel on the web: upload → preview → confirm. Committee staff only."""

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from .importing import import_orgs_file, template_bytes
from .models import Organization


def _allow(request: HttpRequest) -> None:
    if not scoping.is_committee_staff(request.user):
        raise scoping.deny(request, Organization, {"page": "orgs:import"}, exists=True)


SPEC = ImportSpec(
    kind="orgs",
    label="党组织",
    import_file=import_orgs_file,
    template_bytes=template_bytes,
    template_name="orgs/import.html",
    url_namespace="orgs",
    allow=_allow,
)

urlpatterns = import_urlpatterns(SPEC)
