"""Importing a roster from Excel on the web: upload → preview → confirm.

Committee staff and organization administrators, into their own subtrees.
"""

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from .importing import import_members_file, template_bytes
from .models import Member


def _allow(request: HttpRequest) -> None:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"page": "people:import"}, exists=True)


SPEC = ImportSpec(
    kind="members",
    label="人员名册",
    import_file=import_members_file,
    template_bytes=template_bytes,
    template_name="people/import.html",
    url_namespace="people",
    allow=_allow,
)

urlpatterns = import_urlpatterns(SPEC)
