from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("dangjian.core.urls")),
    path("accounts/", include("dangjian.accounts.urls")),
    path("audit/", include("dangjian.core.audit_urls")),
    path("orgs/", include("dangjian.orgs.urls")),
    path("members/", include("dangjian.people.urls")),
    path("study/", include("dangjian.study.urls")),
    path("volunteer/", include("dangjian.volunteer.urls")),
    path("publicity/", include("dangjian.publicity.urls")),
    path("news/", include("dangjian.publicity.public_urls")),
    path("api/v1/", api.urls),
]
