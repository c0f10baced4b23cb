"""The URL tree, mounted from the apps' manifests (dangjian.core.manifests): each app says where
its pages live, so adding an app means adding it to INSTALLED_APPS, nothing here."""

from django.urls import include, path

from dangjian.core.manifests import manifests

from .api import api

urlpatterns = [path(prefix, include(module)) for m in manifests() for prefix, module in m.urls]
urlpatterns.append(path("api/v1/", api.urls))

# A refused parameter (core.web.params.BadParameter) gets a Chinese page with the reason.
handler400 = "dangjian.core.views.pages.bad_request"
