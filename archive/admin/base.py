from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from ..history import ensure_baseline
from .formats import FORMATS


class ArchiveAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """Every archive model: history of every change, import/export in safe formats, quick lists."""

    formats = FORMATS
    # A file with any bad row changes nothing; the preview lists every bad row.
    rollback_on_validation_errors = True
    show_full_result_count = False
    list_per_page = 50

    def save_model(self, request, obj, form, change):
        if change:
            ensure_baseline(type(obj), [obj.pk])
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        ensure_baseline(type(obj), [obj.pk])
        super().delete_model(request, obj)
