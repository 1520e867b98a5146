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


# The sources' text (migrations 0017, 0018) ------------------------------------------------------
# One row a meeting, written here with the meeting by the loader and re-parse, deleted with it.
# SQLite: a contentless FTS5 table of the text's bigrams in order, rowid = meeting id.
# PostgreSQL: archive_text_grams, the text's distinct bigrams as an array under a GIN index.


TEXT_ROWS_PER_STATEMENT = 500


def index_texts(rows) -> None:
    """Index the source text of these meetings: ``(meeting_id, text)`` pairs, or
    ``(meeting_id, text, bigrams)`` when the loader's worker made the bigrams already."""
    if connection.vendor not in TEXT_INDEX or not rows:
        return
    params = [(row[0], row[2] if len(row) > 2 and row[2] is not None else bigrams(row[1] or "")) for row in rows]
    statement, convert = TEXT_INDEX[connection.vendor]
    # One multi-row statement a chunk, as the loader writes every table (archive.bulk).
    with connection.cursor() as cursor:
        for at in range(0, len(params), TEXT_ROWS_PER_STATEMENT):
            chunk = params[at : at + TEXT_ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(statement.format(values=values), [v for row in chunk for v in (row[0], convert(row[1]))])


def _distinct_bigrams(tokens: str) -> list[str]:
    """PostgreSQL's array: containment needs each bigram once (the single characters that end
    each run in the FTS5 table answer no containment query)."""
    return sorted({token for token in tokens.split() if len(token) == 2})


TEXT_INDEX = {  # vendor: (statement, what a row's space-separated bigrams become)
    "sqlite": ("INSERT INTO archive_text_fts(rowid, bigrams) VALUES {values}", str),
    "postgresql": (
        "INSERT INTO archive_text_grams(meeting_id, grams) VALUES {values} "
        "ON CONFLICT (meeting_id) DO UPDATE SET grams = excluded.grams",
        _distinct_bigrams,
    ),
}


def forget_texts(rows) -> None:
    """Take these meetings' texts out of the index: ``(meeting_id, text)`` pairs. SQLite's
    contentless table deletes a row by its tokens, so the text is needed as it was indexed (a
    re-parse passes the text it replaces; without it, None, the row stays); PostgreSQL's by id."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM archive_text_grams WHERE meeting_id = ANY(%s)", [[r[0] for r in rows]])
        return
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        # Only rows the index holds: deleting tokens that were never inserted corrupts its counts.
        marks = ", ".join(["%s"] * len(rows))
        cursor.execute(f"SELECT rowid FROM archive_text_fts WHERE rowid IN ({marks})", [r[0] for r in rows])
        held = {row[0] for row in cursor.fetchall()}
        params = [
            ("delete", meeting_id, bigrams(text))
            for meeting_id, text in rows
            if meeting_id in held and text is not None
        ]
        cursor.executemany("INSERT INTO archive_text_fts(archive_text_fts, rowid, bigrams) VALUES (%s, %s, %s)", params)


EMPTY_TEXT_INDEX = {
    "sqlite": "INSERT INTO archive_text_fts(archive_text_fts) VALUES ('delete-all')",
    "postgresql": "TRUNCATE archive_text_grams",
}


def rebuild_text_index(chunk: int = 500) -> int:
    """Index every meeting's source text again (``manage.py rebuild_text_index``); the count."""
    if connection.vendor not in EMPTY_TEXT_INDEX:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(EMPTY_TEXT_INDEX[connection.vendor])
    count, batch = 0, []
    for row in Meeting.objects.order_by("id").values_list("id", "source__text").iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) == chunk:
            index_texts(batch)
            count, batch = count + len(batch), []
    index_texts(batch)
    return count + len(batch)
