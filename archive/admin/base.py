from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .formats import FORMATS


class ArchiveAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """Every archive model: history of every change, import/export in safe formats, quick lists."""

    formats = FORMATS
    show_full_result_count = False
    list_per_page = 50
