"""The exported columns of each model, defined once: the public downloads (archive.exports: the
lists as CSV/JSON, the archive as a ZIP with its data dictionary) and the admin's import/export
resources (archive.admin.resources) are both built from these tables, so a column added here
shows in both, described in the data dictionary.

A column is a header, how to read its value from a row, and what it means. Values are plain
Python: numbers, text, dates, lists. Turning a value into a cell is the writer's (``text`` below
for a spreadsheet cell; JSON keeps lists), and formula escaping is done once, where a
spreadsheet cell is written, by archive.spreadsheets: never here.

A table also knows how to fetch its rows so that no column costs a query per row: related rows
are prefetched and aggregates computed per chunk of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, QuerySet
from django.urls import reverse

from .models import AgendaItem, Participation, PartOfDay, Role, SourceDocument

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    about: str


def _iterate(queryset: QuerySet) -> Iterable:
    return queryset.iterator(chunk_size=CHUNK)


@dataclass(frozen=True)
class Table:
    """One model's columns. ``fetch`` turns a queryset of the model into the rows the columns
    read (with what they need prefetched or computed)."""

    about: str
    columns: tuple[Column, ...]
    fetch: Callable[[QuerySet], Iterable] = _iterate

    def rows(self, queryset: QuerySet) -> Iterable:
        return self.fetch(queryset)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def through(self, relation: str) -> tuple[Column, ...]:
        """These columns as read from a row that has this model as ``relation`` (a foreign key
        or one-to-one): headers prefixed with ``relation_``."""
        return tuple(
            Column(f"{relation}_{column.header}", _via(relation, column.get), column.about) for column in self.columns
        )


def _via(relation: str, get):
    def read(row):
        related = getattr(row, relation)
        return None if related is None else get(related)

    return read


def text(value) -> str:
    """A value as the text of a spreadsheet cell: empty for none, lists joined with 、, dates
    as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(map(str, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Site:
    """The site's address, so every row carries a link back (set per request by the views; a
    context variable, so concurrent requests do not see each other's). Without one, links are
    relative to the site."""

    _base = ContextVar("export_base", default="")

    @property
    def base(self) -> str:
        return self._base.get()

    def set_base(self, request) -> None:
        self._base.set(request.build_absolute_uri("/").rstrip("/"))

    @contextmanager
    def using(self, base: str):
        token = self._base.set(base.rstrip("/"))
        try:
            yield
        finally:
            self._base.reset(token)

    def url(self, name, *args):
        return self.base + reverse(name, args=args)


SITE = _Site()


# Sources: where the minutes were published ------------------------------------------------------

# Never loaded for an export: the texts (a source's own export, in the admin, has them).
SOURCE_TEXTS = ("raw_text", "text")

SOURCES = Table(
    about="one row per source document",
    columns=(
        Column("format", lambda s: s.format, "the kind of file read: " + ", ".join(SourceDocument.Format.values)),
        Column("url", lambda s: s.url, "where the minutes were published"),
        Column("title", lambda s: s.title, "the published page's title"),
        Column("site", lambda s: s.site, "the publishing site's name"),
        Column("published", lambda s: s.published, "the publication date (YYYY-MM-DD)"),
    ),
)


# Meetings ---------------------------------------------------------------------------------------


def _meeting_rows(meetings: QuerySet) -> Iterable:
    people = Participation.objects.only("id", "meeting_id", "name", "role", "official_id", "order").order_by("order")
    return _iterate(
        meetings.with_chairs()
        .select_related("source")
        .defer(*(f"source__{name}" for name in SOURCE_TEXTS))
        .prefetch_related(
            Prefetch("participations", queryset=people, to_attr="people"),
            Prefetch("agenda_items", to_attr="agenda"),
            "documents",
        )
    )


MEETINGS = Table(
    about="one row per meeting",
    columns=(
        Column("id", lambda m: m.id, "the meeting"),
        Column("url", lambda m: SITE.url("archive:meeting_detail", m.id), "its page on the site"),
        Column("date", lambda m: m.date, "YYYY-MM-DD when year, month and day are all known"),
        Column("year", lambda m: m.year, "the year the minutes give (empty when not given)"),
        Column("month", lambda m: m.month, "the month the minutes give (empty when not given)"),
        Column("day", lambda m: m.day, "the day the minutes give (empty when not given)"),
        Column("part_of_day", lambda m: m.part_of_day, " / ".join(PartOfDay.values)),
        Column("body", lambda m: m.body, "the kind of meeting (区政府常务会议)"),
        Column("session_number", lambda m: m.session_number, "N of 第N次"),
        Column("locality", lambda m: m.locality, "e.g. 柯桥区"),
        Column("chair", lambda m: [p.name for p in m.chairs], "who chaired"),
        Column(
            "participants",
            lambda m: [f"{p.name}:{p.role}" for p in m.people],
            f"name:role of everyone named (role: {', '.join(Role.values)})",
        ),
        Column(
            "agenda",
            lambda m: "；".join(a.title for a in sorted(m.agenda, key=lambda a: a.order)),
            "agenda item titles in order, joined with ；",
        ),
        Column("documents", lambda m: [d.title for d in m.documents.all()], "titles cited in 《》"),
        *SOURCES.through("source"),
    ),
    fetch=_meeting_rows,
)


# Participations ---------------------------------------------------------------------------------

PARTICIPATIONS = Table(
    about="one row per person named in a meeting",
    columns=(
        Column("meeting_id", lambda p: p.meeting_id, "the meeting"),
        Column("order", lambda p: p.order, "order of mention in the minutes"),
        Column("official_id", lambda p: p.official_id, "the official (empty when not linked)"),
        Column("name", lambda p: p.name, "the name in simplified characters"),
        Column("name_as_written", lambda p: p.name_as_written, "the name exactly as written"),
        Column("role", lambda p: p.role, ", ".join(Role.values)),
        Column("titles", lambda p: p.titles, "posts written before the name"),
    ),
)


# Officials --------------------------------------------------------------------------------------


def _official_rows(officials: QuerySet) -> Iterable:
    """Officials with their number of meetings, first and last meeting date (one aggregate query
    per chunk) and the titles written with their name."""
    chunk = []
    for official in officials.iterator(chunk_size=CHUNK):
        chunk.append(official)
        if len(chunk) == CHUNK:
            yield from _with_stats(chunk)
            chunk = []
    yield from _with_stats(chunk)


def _with_stats(officials: list) -> Iterable:
    if not officials:
        return
    ids = [o.id for o in officials]
    mine = Participation.objects.filter(official_id__in=ids)
    stats = {
        row["official_id"]: row
        for row in mine.values("official_id").annotate(
            n=Count("meeting_id", distinct=True), first=Min("meeting__date"), last=Max("meeting__date")
        )
    }
    titles: dict[int, list[str]] = {}
    for official_id, written in mine.values_list("official_id", "titles"):
        seen = titles.setdefault(official_id, [])
        seen.extend(t for t in written if t not in seen)
    for official in officials:
        row = stats.get(official.id, {})
        official.meeting_count = row.get("n", 0)
        official.first_date, official.last_date = row.get("first"), row.get("last")
        official.all_titles = titles.get(official.id, [])
        yield official


OFFICIALS = Table(
    about="one row per person",
    columns=(
        Column("id", lambda o: o.id, "the official"),
        Column("url", lambda o: SITE.url("archive:official_detail", o.id), "their page on the site"),
        Column("name", lambda o: o.name, "in simplified characters"),
        Column("pinyin", lambda o: o.romanized, "the name romanised (Li Zhilong)"),
        Column("locality", lambda o: o.locality, "where they serve"),
        Column("meeting_count", lambda o: o.meeting_count, "distinct meetings they are named in"),
        Column("first_date", lambda o: o.first_date, "the date of the first of those meetings"),
        Column("last_date", lambda o: o.last_date, "the date of the last"),
        Column("titles", lambda o: o.all_titles, "every title written with their name"),
    ),
    fetch=_official_rows,
)


# Agenda items, documents, citations -------------------------------------------------------------

AGENDA_ITEMS = Table(
    about="one row per agenda item",
    columns=(
        Column("id", lambda a: a.id, "the agenda item"),
        Column("meeting_id", lambda a: a.meeting_id, "its meeting"),
        Column("meeting_url", lambda a: SITE.url("archive:meeting_detail", a.meeting_id), "the meeting's page"),
        Column("meeting_date", lambda a: a.meeting.date, "the meeting's date"),
        Column("body", lambda a: a.meeting.body, "the meeting's body"),
        Column("locality", lambda a: a.meeting.locality, "the meeting's locality"),
        Column("order", lambda a: a.order, "its place on the agenda"),
        Column("title", lambda a: a.title, "what was on the agenda"),
        Column("kind", lambda a: a.kind, ", ".join(AgendaItem.Kind.values)),
    ),
    fetch=lambda items: _iterate(items.select_related("meeting")),
)

DOCUMENTS = Table(
    about="one row per document title cited",
    columns=(
        Column("id", lambda d: d.id, "the document"),
        Column("url", lambda d: SITE.url("archive:document_detail", d.id), "its page on the site"),
        Column("title", lambda d: d.title, "the title, without 《》"),
        Column("meeting_count", lambda d: d.meeting_count, "meetings that cite it"),
    ),
    fetch=lambda documents: _iterate(documents.annotate(meeting_count=Count("meetings"))),
)

CITATIONS = Table(
    about="which meeting cites which document",
    columns=(
        Column("meeting_id", lambda c: c.meeting_id, "the meeting"),
        Column("document_id", lambda c: c.document_id, "a document it cites"),
    ),
)
