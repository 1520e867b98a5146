import re
from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import display
from ..models import Meeting, OriginalFile, SourceDocument
from ..parsing import ParseError
from ..parsing.result import warnings_from_stored
from ..pipeline.reparse import reparse_source
from ..records.storable import Unstorable
from ..views.meetings import file_name
from .base import ArchiveAdmin
from .filters import EncodingFilter, ParserVersionFilter
from .resources import SourceDocumentResource
from .uploads import upload_view


@admin.register(SourceDocument)
class SourceDocumentAdmin(ArchiveAdmin):
    resource_classes = [SourceDocumentResource]
    list_display = ["path", "format", "site", "published", "encoding", "script", "parser_version", "loaded_at"]
    list_filter = ["format", "script", EncodingFilter, ParserVersionFilter, "locality_rule"]
    # The list shows neither text: rows without them are a fraction of the size to read.
    list_defer = ["raw_text", "text", "warnings"]
    sortable_by = ["loaded_at"]
    search_fields = ["path", "=sha256", "url", "title"]
    # The stored warnings are values ({"kind", "message"}): shown as a list of sentences instead.
    readonly_fields = [
        "original",
        *("warning_list" if f.name == "warnings" else f.name for f in SourceDocument._meta.fields),
    ]
    exclude = ["warnings"]
    actions = ["reparse"]

    # The import/export buttons, and "Upload minutes" for curators (archive.admin.uploads).
    import_export_change_list_template = "admin/archive/sourcedocument/change_list.html"

    def get_urls(self):
        download = self.admin_site.admin_view(self.original_view)
        upload = self.admin_site.admin_view(partial(upload_view, self))
        return [
            path("upload/", upload, name="archive_sourcedocument_upload"),
            path("<path:object_id>/original/", download, name="archive_sourcedocument_original"),
            *super().get_urls(),
        ]

    @admin.display(description=_("original file"))
    def original(self, obj):
        size = OriginalFile.objects.filter(sha256=obj.sha256).values_list("size", flat=True).first()
        if size is None:
            return _("not kept (loaded before originals were kept)")
        url = reverse("admin:archive_sourcedocument_original", args=[obj.pk])
        return format_html('<a href="{}">{}</a> ({} bytes)', url, _("Download the original"), f"{size:,}")

    @admin.display(description=_("warnings"))
    def warning_list(self, obj):
        warnings = warnings_from_stored(obj.warnings)
        if not warnings:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w.as_contract(),) for w in warnings)))

    def original_view(self, request, object_id):
        """The source's exact bytes, as a download: staff with the view permission only."""
        source = self.get_object(request, unquote(object_id))
        if source is None:
            raise Http404
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        original = OriginalFile.objects.filter(sha256=source.sha256).first()
        if original is None:
            raise Http404("the original bytes of this source were not kept")
        response = HttpResponse(
            bytes(original.data), content_type=_CONTENT_TYPES.get(source.format, "application/octet-stream")
        )
        response["Content-Disposition"] = content_disposition_header(True, download_name(source))
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def has_add_permission(self, request):
        return False  # sources come from load_minutes: the raw text is evidence, never typed in

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Every field is read-only (re-parse is the list's action): no save buttons to press."""
        no_save = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **no_save})

    def has_delete_permission(self, request, obj=None):
        return False  # a meeting protects its source

    @admin.action(description=_("Re-parse selected sources with the current parser"), permissions=["change"])
    def reparse(self, request, queryset):
        for source in queryset.select_related("meeting"):
            try:
                result = reparse_source(source)
            except (ParseError, Unstorable) as exc:  # Unstorable: refused as the loader refuses it
                self.message_user(request, f"{source.path}: {exc}", messages.ERROR)
                continue
            self.message_user(request, reparse_message(result), messages.SUCCESS)


def reparse_message(result) -> str:
    """What a re-parse changed, in words and values as a curator reads them (archive.display):
    ``年: — → 2021`` where the command line's summary prints Python values."""
    parts = [
        gettext("%(field)s: %(old)s → %(new)s")
        % {
            "field": display.verbose(Meeting, name),
            "old": display.shown(Meeting, name, old),
            "new": display.shown(Meeting, name, new),
        }
        for name, (old, new) in result.changed.items()
    ] or [gettext("no field changed")]
    if result.kept:
        kept = "、".join(display.verbose(Meeting, name) for name in result.kept)
        parts.append(gettext("kept as the curator left them: %(fields)s") % {"fields": kept})
    before, after = result.participations
    parts.append(gettext("participations %(before)d → %(after)d") % {"before": before, "after": after})
    before, after = result.agenda_items
    parts.append(gettext("agenda items %(before)d → %(after)d") % {"before": before, "after": after})
    return f"{result.meeting}：" + "；".join(parts)


_CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_EXTENSIONS = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf", "jsonl-record": "jsonl"}


def download_name(source) -> str:
    """The file's own name as loaded (no folders); a JSON Lines record is its file's name with the
    line number (``minutes-3.jsonl``). Non-ASCII names are sent as RFC 6266's filename*."""
    name = file_name(source.path)
    extension = _EXTENSIONS.get(source.format, "bin")
    record = re.fullmatch(r"(.*?)(?:\.jsonl)?:(\d+)", name) if source.format == "jsonl-record" else None
    if record:
        name = f"{record[1]}-{record[2]}.jsonl"
    if not name.strip(". ") or "." not in name:
        name = f"{name.strip('. ') or source.sha256[:16]}.{extension}"
    return name
