"""Importing a roster from Excel on the web: upload → preview → confirm.

Committee staff and organization administrators, into their own subtrees.
"""

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from .importing import import_members_file, template_bytes
from .models import Member

SPEC = ImportSpec(
    kind="members",
    label="人员名册",
    import_file=import_members_file,
    template_bytes=template_bytes,
    template_name="people/import.html",
    url_namespace="people",
    may_import=scoping.can_see_orgs,
    key_label="身份证号",
    model=Member,
)

urlpatterns = import_urlpatterns(SPEC)
