"""Chinese text search that matches substrings of any length, in either script, on both databases.

Records are indexed as overlapping character bigrams (陈豪杰 -> 陈豪 豪杰 杰). A query becomes
its bigrams: on SQLite an FTS5 phrase query (consecutive bigrams = a substring), on PostgreSQL
array containment on a GIN index, then an exact substring check on the few candidate rows.
A one-character query is a prefix query on SQLite and a plain scan on PostgreSQL.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL

from .parsing.textsearch import (  # noqa: F401  (re-exported: the search vocabulary)
    RUN,
    bigrams,
    meeting_text,
    normalise,
    normalise_query,
    pinyin_query,
    query_terms,
)


def matching_meeting_ids(query: str):
    """A subquery of the ids of meetings whose searchable text contains every part of ``query``."""
    from .models import SearchEntry

    terms = query_terms(query)
    entries = SearchEntry.objects.all()
    if not terms:
        return entries.values("meeting_id")
    if connection.vendor == "sqlite":
        # The FTS table's rowid is the meeting id (migration 0002).
        match = " AND ".join(_fts_phrase(t) for t in terms)
        return RawSQL("SELECT rowid FROM archive_search_fts WHERE archive_search_fts MATCH %s", [match])
    if connection.vendor == "postgresql":
        grams = sorted({g for t in terms if len(t[0]) > 1 for g in t})
        if grams:
            from django.contrib.postgres.fields import ArrayField

            # The same expression as the GIN index of migration 0002, so the index answers it.
            split = Func(
                F("bigrams"), Value(" "), function="regexp_split_to_array", output_field=ArrayField(TextField())
            )
            entries = entries.alias(grams=split).filter(grams__contains=grams)
    for run in RUN.findall(normalise_query(query)):
        entries = entries.filter(text__contains=run)
    return entries.values("meeting_id")


def _fts_phrase(grams: list[str]) -> str:
    if len(grams) == 1 and len(grams[0]) == 1:
        return f'"{grams[0]}"*'
    return '"' + " ".join(grams) + '"'


# Keeping the index in step ------------------------------------------------------------------


def reindex_meetings(meeting_ids, chunk: int = 500) -> None:
    """Bring the entries of these meetings up to date (after curator edits or imports).

    Only entries whose text changed are rewritten: an FTS delete and insert is the costly part.
    Entries of meetings that no longer exist go.
    """
    from .models import AgendaItem, Document, Meeting, Participation, SearchEntry

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
    from .bulk import insert_rows
    from .models import SearchEntry

    insert_rows(SearchEntry, rows)
