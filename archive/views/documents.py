"""Agenda items, documents, a document's meetings, and the whole archive as one download."""

import hashlib
from array import array

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from .. import columns, exports
from ..forms import AgendaItemFilterForm, DocumentFilterForm
from ..models import AgendaItem, Document, Meeting, SearchEntry
from ..models.meetings import titles_holding
from ..models.ordering import NEWEST
from ..models.search import title_seeks_pay
from .paging import ArchiveListView
from .state import SUMS_TTL, state_key


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

    def count_on_index(self, cap: int) -> int | None:
        """The search's items (of the kind asked for), counted as the search index hands its
        matching meetings over, stopping at the cap: its only other filter is the kind."""
        return AgendaItem.objects.count_matching(self.data["q"], cap, self.data.get("kind", ""))

    def for_page(self, queryset):
        if not self.data.get("q") and not self.data.get("kind"):
            return ItemsInMeetingOrder(newest=self.sort == "-date")
        if self.dense:  # a common word: walk the meetings in date order, stop at the page
            return ItemsInMeetingOrder(newest=self.sort == "-date", query=self.data["q"], kind=self.data.get("kind"))
        return queryset.select_related("meeting")


class ItemsInMeetingOrder:
    """Every agenda item in the order of its meeting's date, for the paginator. A join sorted by
    the meeting's date makes the database sort every item before the first page; walking the
    meetings' (date, id) index and each meeting's items in order (CROSS JOIN keeps SQLite's join
    order) reads only the rows up to the page."""

    def __init__(self, newest: bool, query: str = "", kind: str = ""):
        self.direction = "DESC" if newest else "ASC"
        self.query, self.kind = query, kind

    def count(self):
        return AgendaItem.objects.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        limit, offset = window.stop - window.start, window.start
        conditions, params = self.conditions(reach=window.stop)
        if connection.vendor != "sqlite":
            ids = self._walk(conditions, params, f"m.date {self.direction} NULLS LAST", limit, offset)
        elif self.direction == "DESC":  # SQLite sorts NULL lowest: undated meetings go last
            ids = self._walk(conditions, params, "m.date DESC", limit, offset)
        else:
            ids = self._oldest_first(conditions, params, limit, offset)
        found = AgendaItem.objects.select_related("meeting").in_bulk(ids)
        return [found[i] for i in ids if i in found]

    def _walk(self, conditions, params, dates: str, limit: int, offset: int) -> list[int]:
        # CROSS JOIN … WHERE, not JOIN … ON: standard SQL, and SQLite keeps the join order as written.
        sql = (
            "SELECT a.id FROM archive_meeting m CROSS JOIN archive_agendaitem a WHERE a.meeting_id = m.id "
            f'{conditions} ORDER BY {dates}, m.id {self.direction}, a."order" LIMIT %s OFFSET %s'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def _oldest_first(self, conditions, params, limit: int, offset: int) -> list[int]:
        """SQLite, oldest first with undated meetings last: its index holds the undated first, so
        ``m.date IS NULL, m.date`` sorted every item (83 ms at 100,000 meetings). The dated off
        the index, then, where the page goes past them, the undated."""
        dated = self._walk(conditions + " AND m.date IS NOT NULL", params, "m.date ASC", limit, offset)
        if len(dated) == limit:
            return dated
        if dated:
            before = offset + len(dated)  # every dated row is before the page's end
        else:  # the page starts past the dated rows: how many there are (the last pages only)
            every, every_params = self.conditions(reach=None)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM archive_meeting m CROSS JOIN archive_agendaitem a"
                    f" WHERE a.meeting_id = m.id{every} AND m.date IS NOT NULL",
                    every_params,
                )
                before = cursor.fetchone()[0]
        undated = conditions + " AND m.date IS NULL"
        return dated + self._walk(undated, params, "m.date ASC", limit - len(dated), max(0, offset - before))

    def conditions(self, reach: int | None):
        """A search's conditions (AgendaItem.objects.matching) on a walk that reads up to
        ``reach`` items (None: all of them): the title, then the meeting among the index's matches. A test per meeting
        or item, not a lookup that would lose the date order: on SQLite, where many meetings
        match, a seek of the meeting of each item whose title holds the query (``CASE`` keeps the
        title first), else the meeting among a list of every match (``m.id + 0``)."""
        conditions, params = "", []
        if self.query:
            titles, titles_params = titles_holding(self.query, "a")
            ids = SearchEntry.objects.meeting_ids(self.query)
            if connection.vendor == "sqlite" and reach is not None and title_seeks_pay(self.query, reach):
                conditions += f" AND CASE WHEN {titles[len(' AND ') :]} THEN EXISTS ({ids.sql} AND rowid = a.meeting_id) ELSE 0 END"
                params += [*titles_params, *ids.params]
            else:
                sql, ids_params = sql_of(ids)
                conditions += f" AND (m.id + 0) IN ({sql}){titles}"
                params += [*ids_params, *titles_params]
        if self.kind:
            conditions += " AND a.kind = %s"
            params.append(self.kind)
        return conditions, params


def sql_of(rows) -> tuple[str, list]:
    """The SQL and parameters of a queryset or a RawSQL expression."""
    if hasattr(rows, "query"):
        sql, params = rows.query.sql_with_params()
        return sql, list(params)
    return rows.sql, list(rows.params)


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
        if self.sort in ("count", "-count"):
            return DocumentsByCitations(queryset)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["page"].object_list)
        uncounted = [d for d in page if not hasattr(d, "meeting_count")]  # sorted by count: counted
        links = Document.meetings.through.objects.filter(document_id__in=[d.id for d in uncounted])
        counts = dict(links.values("document_id").annotate(n=Count("id")).values_list("document_id", "n").order_by())
        for document in uncounted:
            document.meeting_count = counts.get(document.id, 0)
        context["documents"] = page
        return context


class DocumentsByCitations:
    """Documents sorted by how many meetings cite them, for the paginator. The order needs every
    document's count, a GROUP BY over every citation (88,000 at 100,000 meetings), for a page of
    fifty: the order, ids and counts, is kept until the archive changes (``state_key``: a new,
    renamed or deleted document and a curator's change of its meetings change it), as an
    official's sums are, and each page looks its fifty documents up by id."""

    def __init__(self, documents):
        self.documents = documents  # annotated with meeting_count and ordered

    @cached_property
    def ranking(self) -> tuple[array, array]:
        """The documents' ids and counts in order, as two arrays: one cached value of 16 bytes a
        document, quick to read back (a list of pairs took ~13 ms to unpickle at 60,000)."""
        sql, params = self.documents.query.sql_with_params()
        key = "documents-by-citations:" + hashlib.sha1(repr((sql, params)).encode()).hexdigest() + state_key()
        ranking = cache.get(key)
        if ranking is None:
            ids, counts = array("q"), array("q")
            for document_id, count in self.documents.values_list("id", "meeting_count").iterator(chunk_size=2000):
                ids.append(document_id)
                counts.append(count)
            ranking = (ids, counts)
            cache.set(key, ranking, SUMS_TTL)
        return ranking

    def count(self):
        return len(self.ranking[0])

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        ids, counts = (part[window] for part in self.ranking)
        found = Document.objects.in_bulk(list(ids))
        page = []
        for document_id, count in zip(ids, counts, strict=True):
            if document_id in found:  # the order is counted again as soon as one is deleted
                found[document_id].meeting_count = count
                page.append(found[document_id])
        return page


class DocumentDetailView(ArchiveListView):
    """One document and every meeting that cites it, newest first."""

    template_name = "archive/document_detail.html"
    form_class = DocumentFilterForm  # no filter of its own; ?q is ignored
    searchable = False
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
