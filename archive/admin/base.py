from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import SelectableFieldsExportForm
from import_export.resources import modelresource_factory
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import display
from ..forms import QUERY_MAX_LENGTH
from ..history import ensure_baseline
from ..paging import COUNT_CAP, capped_count
from .formats import FORMATS, TooLarge
from .importing import UNKNOWN_FILE, ImportFileStorage, SafeConfirmImportForm
from .resources import ArchiveResource
from .widgets import SafeAutocompleteSelect, SafeAutocompleteSelectMultiple


class BoundedSearch:
    """Searches at most QUERY_MAX_LENGTH characters, as on the public site: a search of 10,000
    words would build a query too large for the database (a 500). Longer ones are cut, and the
    list says so. Admins define ``search_results`` where Django has ``get_search_results``."""

    def get_search_results(self, request, queryset, search_term):
        return self.search_results(request, queryset, search_term[:QUERY_MAX_LENGTH])

    def search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request, extra_context=None):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            # PostgreSQL refuses NUL in text (a 500); Django's own answer to a bad filter instead.
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        length = len(request.GET.get(SEARCH_VAR, ""))
        if length > QUERY_MAX_LENGTH:
            note = _("A search is at most %(limit)d characters; only the first %(limit)d of %(length)d were searched.")
            self.message_user(request, note % {"limit": QUERY_MAX_LENGTH, "length": length}, messages.WARNING)
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and getattr(changelist.paginator, "capped", False):
            # The response renders later: the message still reaches this page.
            note = _(
                "More than %(cap)s matches: the list pages through the first %(cap)s. Narrow the search to see others."
            )
            self.message_user(request, note % {"cap": f"{COUNT_CAP:,}"}, messages.INFO)
        return response

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if request.GET.get(SEARCH_VAR, "").strip():
            found = getattr(request, SEARCH_FOUND, None)
            return SearchPaginator(queryset, per_page, orphans, allow_empty_first_page, found=found)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def count_search(self, request, rows) -> int:
        """A search's matches (``rows``, the list's filters applied) counted up to the cap, for a
        search that needs the count to choose its plan: the page's paginator reads it rather than
        counting again (each count of a common word reads its every match in the index)."""
        return self.keep_search_count(request, capped_count(rows))

    def keep_search_count(self, request, found: int) -> int:
        """A search's matches counted up to the cap (one past it: ``capped_count``), kept for the
        page's paginator."""
        setattr(request, SEARCH_FOUND, found)
        return found


SEARCH_FOUND = "archive_search_found"  # the request's attribute that count_search sets


class SearchPaginator(Paginator):
    """A search's matches in the admin, counted no further than COUNT_CAP: a common word matches
    tens of thousands of rows, and counting them all was most of the page's time (issue 17).
    ``found``: the count made already, where the search made one (``count_search``)."""

    capped = False

    def __init__(self, *args, found: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.found = found

    @cached_property
    def count(self):
        found = self.found if self.found is not None else capped_count(self.object_list)
        self.capped = found > COUNT_CAP
        return min(found, COUNT_CAP)


class PageChangeList(ChangeList):
    """A list whose per-row figures (counts, dates, chairs) are computed for the page's rows only,
    after the page is chosen (``ArchiveAdmin.annotate_page``): as annotations on the list's query,
    SQLite computes them for every matching row before it sorts and cuts the page."""

    def get_results(self, request):
        # The page's rows only: actions and exports call get_queryset again and read every column.
        if self.model_admin.list_defer:
            self.queryset = self.queryset.defer(*self.model_admin.list_defer)
        super().get_results(request)
        self.result_list = self.model_admin.annotate_page(list(self.result_list))


# Strings of import-export 4.4's pages that its zh_Hans catalogue leaves empty, kept in ours
# (archive comes before import_export in INSTALLED_APPS, so its catalogue is read first).
IMPORT_EXPORT_STRINGS = (
    gettext_noop("Select all"),
    gettext_noop("Resource"),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop("Value could not be parsed."),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", "len"),
)


class LabelledExportForm(SelectableFieldsExportForm):
    """The export page's column checkboxes by the columns' labels (``Part Of Day`` before)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource_class in resources:
            resource = resource_class(labelled=True)
            for name in resource.get_export_order():
                checkbox = self.fields.get(self.create_boolean_field_name(resource_class, name))
                if checkbox is not None and name in resource.fields:
                    checkbox.label = resource.label(resource.fields[name].column_name)


class ArchiveAdmin(BoundedSearch, ImportExportMixin, SimpleHistoryAdmin):
    """Every archive model: history of every change, import/export in safe formats, quick lists."""

    formats = FORMATS
    # A file with any bad row changes nothing; the preview lists every bad row.
    rollback_on_validation_errors = True
    show_full_result_count = False
    list_per_page = 50
    tmp_storage_class = ImportFileStorage
    export_form_class = LabelledExportForm
    confirm_form_class = SafeConfirmImportForm

    def get_resource_classes(self, request):
        """A model without a resource of its own (posts, tenures) gets ArchiveResource's: its
        files and pages are labelled like every other's, unchanged rows skipped."""
        return [
            cls
            if issubclass(cls, ArchiveResource)
            else modelresource_factory(self.model, resource_class=ArchiveResource)
            for cls in super().get_resource_classes(request)
        ]

    # The state as loaded is credited to load_minutes (archive.history).
    object_history_list_template = "admin/archive/object_history_list.html"

    class Media:
        css = {"all": ["archive/admin.css"]}  # inlines and lists that fit the page (issue 11)

    # Columns the changelist never shows and that are large (a source's texts): not read for it.
    list_defer: list[str] = []

    def get_changelist(self, request, **kwargs):
        return PageChangeList

    def annotate_page(self, rows: list) -> list:
        """Add what the list shows of each row of a page (a few queries for the page)."""
        return rows

    def action_checkbox(self, obj):
        """The row's checkbox, as Django renders it, without a template per row (a tenth of a
        changelist's time went to rendering 50 checkbox widgets)."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            ensure_baseline(type(obj), [obj.pk])
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        ensure_baseline(type(obj), [obj.pk])
        super().delete_model(request, obj)

    # Import and export: every header by its label (ArchiveResource.label) ---------------------

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "labelled": True}

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)  # a TemplateResponse, not rendered yet
        if context and "fields_list" in context:
            context["fields_list"] = self._labelled_fields(self.get_import_resource_classes(request), context)
        return response

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["fields_list"] = self._labelled_fields(self.get_export_resource_classes(request), context)
        return context

    def _labelled_fields(self, resource_classes, context) -> list:
        labelled = []
        # Empty when the file could not be read (the page lists no fields then).
        for (name, headers), resource_class in zip(context["fields_list"], resource_classes, strict=False):
            resource = resource_class(labelled=True)
            labelled.append((name, [resource.label(header) for header in headers]))
        return labelled

    # Import -------------------------------------------------------------------------------

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        formats, resources = self.get_import_formats(), self.get_import_resource_classes(request)
        return {**kwargs, "format_count": len(formats), "resource_count": len(resources)}

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """A confirmation naming a file, format or resource that is not ours goes back to the
        import page saying so (import-export would answer with a 500)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        if form.is_valid():
            try:
                return super().process_import(request, **kwargs)
            except FileNotFoundError:  # the same file confirmed twice at once: the other took it
                form.add_error("import_file_name", UNKNOWN_FILE)
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        opts = self.model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")

    def add_data_read_fail_error_to_form(self, form, e):
        """A file over the row or cell limits (formats.TooLarge) is refused saying so."""
        if isinstance(e, TooLarge):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        """An import that failed at the confirmation (an error after the preview, such as the
        search index refusing a row) was rolled back: say so, not 导入成功 (issue 18.10)."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        errors = [str(e.error) for e in result.base_errors]
        errors += [str(e.error) for _, row_errors in result.row_errors() for e in row_errors]
        errors += [str(row.error) for row in result.invalid_rows]
        note = _("Nothing was imported: the import failed and every change was undone. %(errors)s")
        self.message_user(request, note % {"errors": "; ".join(errors[:5])}, messages.ERROR)
        opts = self.model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")

    # History ------------------------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return ArchiveHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        self._404_unless_ids(object_id)
        if self._keeps_history():
            return super().history_view(request, object_id, extra_context)
        if self._history_elsewhere():
            return self._redirect_to_concrete("history", object_id)
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)  # the admin's log

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history saves a POSTed revert form after checking only the *view* permission;
        a revert is a change, so it needs what the change form needs."""
        self._404_unless_ids(object_id, version_id)
        if not self._keeps_history():
            if self._history_elsewhere():
                return self._redirect_to_concrete("simple_history", object_id, version_id)
            raise Http404("this kind of record keeps no history")
        if request.method == "POST" and self.revert_disabled(request, self.get_object(request, object_id)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # obj is None for a deleted record: reverting recreates it, which needs the change permission too.
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)

    def _404_unless_ids(self, object_id, version_id="1"):
        """simple-history looks ids up as given: "abc" was a 500."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("no such record") from None
        if not version_id.isascii() or not version_id.isdigit():
            raise Http404("no such version")

    def _keeps_history(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def _history_elsewhere(self) -> bool:
        """A proxy (the review queue) shows the history of the model it stands for."""
        return self.model._meta.proxy and hasattr(
            self.model._meta.concrete_model._meta, "simple_history_manager_attribute"
        )

    def _redirect_to_concrete(self, view: str, *args):
        opts = self.model._meta.concrete_model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", *args)


class ArchiveHistoryHelper(HistoricalRecordContextHelper):
    """A history's changes as a curator reads them (archive.display): 角色: 列席 → 旁听, 已整理: 否 → 是,
    an empty link as —, not ``attendee``, ``False → True`` or ``Deleted 行政区划 (pk=None)``."""

    def prepare_delta_change_value(self, change, value):
        field = display.model_field(self.model, change.field)
        if field is not None and field.many_to_many:
            return "、".join(str(item) for item in super().prepare_delta_change_value(change, value)) or display.NOTHING
        if isinstance(value, DeletedObject):
            if value.pk is None:
                return display.NOTHING
            return _("a deleted %(kind)s (id %(id)s)") % {"kind": value.model._meta.verbose_name, "id": value.pk}
        return display.shown(self.model, change.field, value)
