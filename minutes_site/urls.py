from django.contrib import admin
from django.urls import include, path

from archive.api import api

# SimpleAdminConfig (settings): the admin modules are imported here, with the URLs.
admin.autodiscover()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("archive.urls")),
]
