"""Agenda items and the documents they cite."""

from __future__ import annotations

from ..bulk import insert_rows
from ..models import AgendaItem, Document
from .parses import Parse
from .rows import fit, fitted


def write_agenda(meetings: list[tuple[int, Parse]]) -> None:
    """The agenda items and cited documents of these meetings (by id)."""
    documents = documents_by_title({t for _, parse in meetings for t in parse.parsed.meeting.documents})
    insert_rows(
        Document.meetings.through,
        [
            {"document_id": documents[t].id, "meeting_id": meeting_id}
            for meeting_id, parse in meetings
            for t in dict.fromkeys(fit(Document, "title", t) for t in parse.parsed.meeting.documents)
        ],
    )
    items, cited = [], []
    for meeting_id, parse in meetings:
        for order, a in parse.agenda_items:
            items.append(
                fitted(
                    AgendaItem,
                    {"meeting_id": meeting_id, "order": order, "title": a.title, "text": a.text, "kind": a.kind},
                )
            )
            if a.documents:
                cited.append((meeting_id, order, a.documents))
    insert_rows(AgendaItem, items)
    if not cited:
        return
    # Ids only for the items that cite documents: one query instead of ids for every item.
    rows = AgendaItem.objects.filter(meeting_id__in={m for m, _, _ in cited}).values_list("id", "meeting_id", "order")
    ids = {(meeting_id, order): pk for pk, meeting_id, order in rows}
    insert_rows(
        AgendaItem.documents.through,
        [
            {"agendaitem_id": ids[meeting_id, order], "document_id": documents[fit(Document, "title", t)].id}
            for meeting_id, order, titles in cited
            for t in dict.fromkeys(titles)
        ],
    )


def documents_by_title(titles: set[str]) -> dict[str, Document]:
    """The documents with these titles by title, creating the missing ones (sorted, and without
    failing on one another writer created meanwhile)."""
    if not titles:
        return {}
    titles = {fit(Document, "title", t) for t in titles}
    found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    missing = sorted(titles - found.keys())
    if missing:
        Document.objects.bulk_create([Document(title=t) for t in missing], ignore_conflicts=True)
        found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    return found
