from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import SourceDocument
from ..parsing import ParseError
from ..reparse import reparse_source
from .base import ArchiveAdmin
from .resources import SourceDocumentResource


@admin.register(SourceDocument)
class SourceDocumentAdmin(ArchiveAdmin):
    resource_classes = [SourceDocumentResource]
    list_display = ["path", "encoding", "script", "parser_version", "loaded_at"]
    list_filter = ["script", "encoding", "parser_version"]
    sortable_by = ["loaded_at"]
    search_fields = ["path", "=sha256"]
    readonly_fields = [f.name for f in SourceDocument._meta.fields]
    actions = ["reparse"]

    def has_add_permission(self, request):
        return False  # sources come from load_minutes: the raw text is evidence, never typed in

    def has_delete_permission(self, request, obj=None):
        return False  # a meeting protects its source

    @admin.action(description=_("Re-parse selected sources with the current parser"), permissions=["change"])
    def reparse(self, request, queryset):
        for source in queryset.select_related("meeting"):
            try:
                result = reparse_source(source)
            except ParseError as exc:
                self.message_user(request, f"{source.path}: {exc}", messages.ERROR)
                continue
            self.message_user(request, result.summary(), messages.SUCCESS)
