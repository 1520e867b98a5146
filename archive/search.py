"""Chinese text search that matches substrings of any length, in either script, on both databases.

Records are indexed as overlapping character bigrams (陈豪杰 -> 陈豪 豪杰 杰); this module keeps
the index in step. The queries live beside the models (``SearchEntry.objects.meeting_ids``,
``Meeting.objects.matching``): a query becomes its bigrams, on SQLite an FTS5 phrase query
(consecutive bigrams = a substring), on PostgreSQL array containment on a GIN index, then an
exact substring check on the few candidate rows.
"""

from __future__ import annotations

from .bulk import insert_rows
from .models import AgendaItem, Document, Meeting, Participation, SearchEntry
from .parsing.textsearch import (  # noqa: F401  (re-exported: the search vocabulary)
    RUN,
    bigrams,
    meeting_text,
    normalise,
    normalise_query,
    pinyin_query,
    query_terms,
)

# Keeping the index in step ------------------------------------------------------------------


def reindex_meetings(meeting_ids, chunk: int = 500) -> None:
    """Bring the entries of these meetings up to date (after curator edits or imports).

    Only entries whose text changed are rewritten: an FTS delete and insert is the costly part.
    Entries of meetings that no longer exist go.
    """
    ids = sorted(set(meeting_ids))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        people, agenda, documents = {}, {}, {}
        for meeting_id, name, titles in Participation.objects.filter(meeting_id__in=part).values_list(
            "meeting_id", "name", "titles"
        ):
            people.setdefault(meeting_id, []).append(_Named(name, titles))
        for meeting_id, title in AgendaItem.objects.filter(meeting_id__in=part).values_list("meeting_id", "title"):
            agenda.setdefault(meeting_id, []).append(title)
        links = Document.meetings.through.objects.filter(meeting_id__in=part)
        for meeting_id, title in links.values_list("meeting_id", "document__title"):
            documents.setdefault(meeting_id, []).append(title)
        current = dict(SearchEntry.objects.filter(meeting_id__in=part).values_list("meeting_id", "text"))
        rows, present = [], set()
        for m in Meeting.objects.filter(id__in=part).values("id", "body", "locality", "year", "part_of_day"):
            present.add(m["id"])
            text = normalise(
                meeting_text(m, people.get(m["id"], []), agenda.get(m["id"], []), documents.get(m["id"], []))
            )
            if current.get(m["id"]) != text:
                rows.append({"meeting_id": m["id"], "text": text, "bigrams": bigrams(text, normalised=True)})
        stale = {r["meeting_id"] for r in rows if r["meeting_id"] in current} | (set(current) - present)
        if stale:
            SearchEntry.objects.filter(meeting_id__in=stale).delete()
        _insert(rows)


class _Named:
    __slots__ = ("name", "titles")

    def __init__(self, name, titles):
        self.name, self.titles = name, titles


def _insert(rows: list[dict]) -> None:
    insert_rows(SearchEntry, rows)
