"""Chinese text search that matches substrings of any length, in either script, on both databases.

Records are indexed as overlapping character bigrams (陈豪杰 -> 陈豪 豪杰 杰); this module keeps
the index in step. The queries live beside the models (``SearchEntry.objects.meeting_ids``,
``Meeting.objects.matching``): a query becomes its bigrams, on SQLite an FTS5 phrase query
(consecutive bigrams = a substring), on PostgreSQL array containment on a GIN index, then an
exact substring check on the few candidate rows.
"""

from __future__ import annotations

from django.db import connection

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


# The sources' text (migration 0014) ------------------------------------------------------------
# On SQLite a contentless FTS5 table holds the bigrams of each meeting's source text, rowid =
# meeting id; the loader and re-parse write it here. On PostgreSQL a GIN expression index over
# the source itself does the work and nothing is written.


TEXT_ROWS_PER_STATEMENT = 500


def index_texts(rows) -> None:
    """Index the source text of these meetings: ``(meeting_id, text)`` pairs, or
    ``(meeting_id, text, bigrams)`` when the loader's worker made the bigrams already."""
    if connection.vendor != "sqlite" or not rows:
        return
    params = [(row[0], row[2] if len(row) > 2 and row[2] is not None else bigrams(row[1] or "")) for row in rows]
    # One multi-row statement a chunk, as the loader writes every table (archive.bulk).
    with connection.cursor() as cursor:
        for at in range(0, len(params), TEXT_ROWS_PER_STATEMENT):
            chunk = params[at : at + TEXT_ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO archive_text_fts(rowid, bigrams) VALUES {values}", [v for pair in chunk for v in pair]
            )


def forget_texts(rows) -> None:
    """Take these meetings' texts out of the index: ``(meeting_id, text)`` pairs. A contentless
    table deletes a row by its tokens, so the text is needed as it was indexed (a re-parse passes
    the text it replaces)."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        # Only rows the index holds: deleting tokens that were never inserted corrupts its counts.
        marks = ", ".join(["%s"] * len(rows))
        cursor.execute(f"SELECT rowid FROM archive_text_fts WHERE rowid IN ({marks})", [r[0] for r in rows])
        held = {row[0] for row in cursor.fetchall()}
        params = [("delete", meeting_id, bigrams(text or "")) for meeting_id, text in rows if meeting_id in held]
        cursor.executemany("INSERT INTO archive_text_fts(archive_text_fts, rowid, bigrams) VALUES (%s, %s, %s)", params)


def rebuild_text_index(chunk: int = 500) -> int:
    """Index every meeting's source text again (``manage.py rebuild_text_index``); the count."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO archive_text_fts(archive_text_fts) VALUES ('delete-all')")
    count, batch = 0, []
    for row in Meeting.objects.order_by("id").values_list("id", "source__text").iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) == chunk:
            index_texts(batch)
            count, batch = count + len(batch), []
    index_texts(batch)
    return count + len(batch)
