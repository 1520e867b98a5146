"""Agenda items, documents, a document's meetings, and the whole archive as one download."""

from django.db import connection
from django.db.models import Count, F
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from .. import columns, exports
from ..forms import AgendaItemFilterForm, DocumentFilterForm
from ..models import AgendaItem, Document, Meeting
from .meetings import NEWEST
from .paging import ArchiveListView


class AgendaItemListView(ArchiveListView):
    template_name = "archive/agenda_item_list.html"
    form_class = AgendaItemFilterForm
    sorts = {
        "-date": (F("meeting__date").desc(nulls_last=True), "-meeting_id", "order"),
        "date": (F("meeting__date").asc(nulls_last=True), "meeting_id", "order"),
    }
    default_sort = "-date"
    export_name = "agenda-items"
    export_table = columns.AGENDA_ITEMS

    def base_queryset(self):
        return AgendaItem.objects.all()

    def for_page(self, queryset):
        if not self.data.get("q") and not self.data.get("kind"):
            return ItemsInMeetingOrder(newest=self.sort == "-date")
        return queryset.select_related("meeting")


class ItemsInMeetingOrder:
    """Every agenda item in the order of its meeting's date, for the paginator. A join sorted by
    the meeting's date makes the database sort every item before the first page; walking the
    meetings' (date, id) index and each meeting's items in order (CROSS JOIN keeps SQLite's join
    order) reads only the rows up to the page."""

    def __init__(self, newest: bool):
        self.direction = "DESC" if newest else "ASC"

    def count(self):
        return AgendaItem.objects.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if connection.vendor == "sqlite":  # SQLite sorts NULL lowest: undated meetings go last either way
            dates = f"m.date {self.direction}" if self.direction == "DESC" else "m.date IS NULL, m.date ASC"
        else:
            dates = f"m.date {self.direction} NULLS LAST"
        # CROSS JOIN … WHERE, not JOIN … ON: standard SQL, and SQLite keeps the join order as written.
        sql = (
            "SELECT a.id FROM archive_meeting m CROSS JOIN archive_agendaitem a WHERE a.meeting_id = m.id "
            f'ORDER BY {dates}, m.id {self.direction}, a."order" LIMIT %s OFFSET %s'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [window.stop - window.start, window.start])
            ids = [row[0] for row in cursor.fetchall()]
        found = AgendaItem.objects.select_related("meeting").in_bulk(ids)
        return [found[i] for i in ids if i in found]


class DocumentListView(ArchiveListView):
    template_name = "archive/document_list.html"
    form_class = DocumentFilterForm
    sorts = {
        "title": ("title",),
        "-title": ("-title",),
        "-count": ("-meeting_count", "title"),
        "count": ("meeting_count", "title"),
    }
    default_sort = "title"
    export_name = "documents"
    export_table = columns.DOCUMENTS

    def base_queryset(self):
        return Document.objects.all()

    def get_queryset(self):
        documents = self.filtered()
        if self.sort in ("count", "-count"):
            # Every document's count is needed to sort by it: one GROUP BY over the links.
            documents = documents.annotate(meeting_count=Count("meetings"))
        return documents.order_by(*self.sorts[self.sort])

    def for_page(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["page"].object_list)
        links = Document.meetings.through.objects.filter(document_id__in=[d.id for d in page])
        counts = dict(links.values("document_id").annotate(n=Count("id")).values_list("document_id", "n").order_by())
        for document in page:
            document.meeting_count = counts.get(document.id, 0)
        context["documents"] = page
        return context


class DocumentDetailView(ArchiveListView):
    """One document and every meeting that cites it, newest first."""

    template_name = "archive/document_detail.html"
    form_class = DocumentFilterForm  # no filter of its own; ?q is ignored
    export_name = "document-meetings"
    export_table = columns.MEETINGS

    @cached_property
    def document(self):
        return get_object_or_404(Document, pk=self.kwargs["pk"])

    def base_queryset(self):
        return Meeting.objects.filter(documents=self.document)

    def filtered(self):
        return self.base_queryset()

    def get_queryset(self):
        return self.filtered().order_by(*NEWEST)

    def for_page(self, queryset):
        return queryset.with_chairs()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "document": self.document}


agenda_item_list = AgendaItemListView.as_view()
document_list = DocumentListView.as_view()
document_detail = DocumentDetailView.as_view()


def archive_download(request):
    columns.SITE.set_base(request)
    return exports.archive_zip()
