"""The curators' admin: one module per domain, as the models are split."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import careers, meetings, people, sources  # noqa: F401  (registers the ModelAdmins)

admin.site.site_header = _("Minutes archive · curation")
admin.site.site_title = _("Minutes archive")
admin.site.index_title = _("Curate meetings, officials and sources")
