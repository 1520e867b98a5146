"""Public pages: thin views over the querysets in archive.models; any list also as CSV/JSON.

One module per family of pages: ``home``, ``meetings``, ``officials``, ``documents`` (agenda items,
documents, the archive download), ``careers`` (places, careers, posts, bodies: officials over time,
drawn from ``archive.careers``); the meeting list's facets in ``facets``; paging and the list view
they share in ``paging``.

Every list is an ``ArchiveListView``: one declared form filters it, ``sorts`` names its sortable
columns, the paginator counts once and turns any bad page into a 404, and ``?format=csv|json``
streams the same rows with the columns of archive.columns (archive.exports writes them).
"""

from .documents import (
    AgendaItemListView,
    DocumentDetailView,
    DocumentListView,
    ItemsInMeetingOrder,
    agenda_item_list,
    archive_download,
    document_detail,
    document_list,
)
from .home import home, month_chart
from .meetings import MeetingListView, file_name, meeting_detail, meeting_list, search_snippets
from .officials import OfficialListView, official_detail, official_list
from .paging import PAGE_SIZE, ArchiveListView, ArchivePaginator, page_of

__all__ = [
    "PAGE_SIZE",
    "AgendaItemListView",
    "ArchiveListView",
    "ArchivePaginator",
    "DocumentDetailView",
    "DocumentListView",
    "ItemsInMeetingOrder",
    "MeetingListView",
    "OfficialListView",
    "agenda_item_list",
    "archive_download",
    "document_detail",
    "document_list",
    "file_name",
    "home",
    "meeting_detail",
    "meeting_list",
    "month_chart",
    "official_detail",
    "official_list",
    "page_of",
    "search_snippets",
]
