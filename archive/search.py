"""Chinese text search that matches substrings of any length, in either script, on both databases.

Records are indexed as overlapping character bigrams (陈豪杰 -> 陈豪 豪杰 杰). A query becomes
its bigrams: on SQLite an FTS5 phrase query (consecutive bigrams = a substring), on PostgreSQL
array containment on a GIN index, then an exact substring check on the few candidate rows.
A one-character query is a prefix query on SQLite and a plain scan on PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL

from .parsing.script import count_traditional, to_simplified

_RUN = re.compile(r"[\w\u3400-\u9fff]+")
_LETTERS = re.compile(r"^[a-z\s'’:ü\u0300-\u036f]+$")


def normalise(text: str) -> str:
    """Simplified, lower-case. Simplified input never passes through t2s (王丙乾 stays)."""
    if count_traditional(text):
        text = to_simplified(text)
    return text.lower()


def normalise_query(query: str) -> str:
    return " ".join(normalise(query or "").split())


def pinyin_query(query: str) -> str:
    """'Chén Háo', 'chen hao', 'chenhao' -> 'chenhao'; '' when the query is not pinyin letters."""
    decomposed = unicodedata.normalize("NFD", (query or "").strip().lower())
    if not decomposed or not _LETTERS.match(decomposed):
        return ""
    decomposed = decomposed.replace("u\u0308", "v")
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def bigrams(text: str) -> str:
    tokens = []
    for run in _RUN.findall(normalise(text)):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def query_terms(query: str) -> list[list[str]]:
    """Each whitespace-separated part of the query as its bigram sequence (or one character)."""
    terms = []
    for run in _RUN.findall(normalise_query(query)):
        terms.append([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return terms


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
    for run in _RUN.findall(normalise_query(query)):
        entries = entries.filter(text__contains=run)
    return entries.values("meeting_id")


def _fts_phrase(grams: list[str]) -> str:
    if len(grams) == 1 and len(grams[0]) == 1:
        return f'"{grams[0]}"*'
    return '"' + " ".join(grams) + '"'


# Keeping the index in step ------------------------------------------------------------------


def meeting_text(fields: dict, participations, agenda_titles, document_titles) -> str:
    """What a meeting is found by; ``fields`` holds body, locality, year and part_of_day."""
    parts = [fields["body"], fields["locality"], str(fields["year"] or ""), fields["part_of_day"]]
    for p in participations:
        parts.append(p.name)
        parts.extend(p.titles)
    parts.extend(agenda_titles)
    parts.extend(document_titles)
    return " ".join(x for x in parts if x)


def entry_row(meeting_id: int, text: str) -> dict:
    return {"meeting_id": meeting_id, "text": normalise(text), "bigrams": bigrams(text)}


def reindex_meetings(meeting_ids, chunk: int = 500) -> None:
    """Rebuild the entries of these meetings (after curator edits or imports), a chunk at a time."""
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
        rows = [
            entry_row(
                m["id"], meeting_text(m, people.get(m["id"], []), agenda.get(m["id"], []), documents.get(m["id"], []))
            )
            for m in Meeting.objects.filter(id__in=part).values("id", "body", "locality", "year", "part_of_day")
        ]
        SearchEntry.objects.filter(meeting_id__in=part).delete()
        _insert(rows)


class _Named:
    __slots__ = ("name", "titles")

    def __init__(self, name, titles):
        self.name, self.titles = name, titles


def _insert(rows: list[dict]) -> None:
    from .bulk import insert_rows
    from .models import SearchEntry

    insert_rows(SearchEntry, rows)
