from django.urls import path

from dangjian.core import scoping
from dangjian.core.importing.pages import ImportSpec, import_urlpatterns

from . import views
from .importing import import_members_file, template_bytes
from .models import Member

app_name = "people"

# Importing a roster from Excel on the web: upload → preview → confirm.
# Committee staff and organization administrators, into their own subtrees.
IMPORT = ImportSpec(
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

urlpatterns = [
    path("", views.member_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.member_new, name="new"),
    path("full-time-deputies/", views.full_time_deputies, name="full_time_deputies"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/posts/new/", views.post_new, name="post_new"),
    path("<int:pk>/posts/<int:post_id>/end/", views.post_end, name="post_end"),
    *import_urlpatterns(IMPORT),
]
