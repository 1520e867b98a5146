from django.contrib import admin
from django.urls import include, path

# SimpleAdminConfig (settings): the admin modules are imported here, with the URLs.
admin.autodiscover()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("archive.urls")),
]
