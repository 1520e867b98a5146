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
import functools
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, QuerySet
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import pgettext_lazy

from .models import AgendaItem, Appointment, Division, Document, Participation, PartOfDay, Role, SourceDocument

CHUNK = 2000


# What a column's values are: the API's schema (archive.api) and the release's Frictionless
# descriptor and SQLite types (archive.releases) read it. "list": a list of text (in a CSV cell
# joined with 、).
KINDS = ("string", "integer", "date", "list")


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    about: str
    kind: str = "string"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.header}: kind {self.kind!r} is not one of {KINDS}")


# What a curator reads for a header in the admin's import and export (the files it writes, the
# preview, the field lists): the model field's verbose name, or where the header is no model
# field, its label here; a header in KEYS has its label here always (the field's verbose name
# would mislead: the cell holds a key or a code, not the record).
# The public downloads and the API keep the headers (a contract); an admin import reads a
# header, a label in any language, alike (archive.admin.resources).
LABELS = {
    "id": pgettext_lazy("column", "ID"),
    "url": pgettext_lazy("column", "page on the site"),
    "date": pgettext_lazy("column", "date"),
    "chair": pgettext_lazy("column", "chair"),
    "participants": pgettext_lazy("column", "participants (name:role)"),
    "agenda": pgettext_lazy("column", "agenda items"),
    "documents": pgettext_lazy("column", "documents cited"),
    "division": pgettext_lazy("column", "division code"),
    "body": pgettext_lazy("column", "meeting name"),
    "locality": pgettext_lazy("column", "locality"),
    "source_sha256": pgettext_lazy("column", "source file SHA-256"),
    "source_format": pgettext_lazy("column", "source format"),
    "source_url": pgettext_lazy("column", "source web address"),
    "source_title": pgettext_lazy("column", "source title"),
    "source_site": pgettext_lazy("column", "source site"),
    "source_published": pgettext_lazy("column", "source publication date"),
    "meeting_id": pgettext_lazy("column", "meeting id"),
    "meeting_url": pgettext_lazy("column", "meeting page"),
    "meeting_date": pgettext_lazy("column", "meeting date"),
    "official_id": pgettext_lazy("column", "official id"),
    "official": pgettext_lazy("column", "official (name|locality|disambiguation)"),
    "meeting_count": pgettext_lazy("column", "number of meetings"),
    "first_date": pgettext_lazy("column", "first meeting date"),
    "last_date": pgettext_lazy("column", "last meeting date"),
    "titles": pgettext_lazy("column", "titles"),
    "aliases": pgettext_lazy("column", "other spellings"),
    "agenda_item_order": pgettext_lazy("column", "agenda item number"),
}
KEYS = {"id", "division", "official", "source_sha256", "meeting_id", "official_id"}


def _iterate(queryset: QuerySet) -> Iterable:
    return queryset.iterator(chunk_size=CHUNK)


@dataclass(frozen=True)
class Table:
    """One model's columns. ``fetch`` turns a queryset of the model into the rows the columns
    read (with what they need prefetched or computed)."""

    about: str
    columns: tuple[Column, ...]
    fetch: Callable[[QuerySet], Iterable] = _iterate
    # The columns' values of each row straight from the database (values_list, no model
    # instances), for the downloads; the same values as the columns read from ``fetch``'s rows
    # (tests/views/test_exports_cost.py compares them).
    plain: Callable[[QuerySet], Iterable[list]] | None = None

    def rows(self, queryset: QuerySet) -> Iterable:
        return self.fetch(queryset)

    def value_rows(self, queryset: QuerySet) -> Iterable[list]:
        """Each row's values in column order."""
        if self.plain is not None:
            return self.plain(queryset)
        return ([column.get(row) for column in self.columns] for row in self.fetch(queryset))

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def through(self, relation: str) -> tuple[Column, ...]:
        """These columns as read from a row that has this model as ``relation`` (a foreign key
        or one-to-one): headers prefixed with ``relation_``."""
        return tuple(
            Column(f"{relation}_{column.header}", _via(relation, column.get), column.about, column.kind)
            for column in self.columns
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
        if args and all(type(arg) is int for arg in args):
            return self.base + _id_url(name, len(args), get_script_prefix(), get_urlconf()).format(*args)
        return self.base + reverse(name, args=args)


# A stand-in id no real row has, to reverse a URL once and fill in each row's id: reverse() per
# row was most of a release's build time (two reverses per agenda item).
_STAND_IN = 987_654_321_012_345


@functools.lru_cache(maxsize=64)
def _id_url(name: str, count: int, prefix: str, urlconf) -> str:
    stand_ins = [_STAND_IN + n for n in range(count)]
    url = reverse(name, args=stand_ins).replace("{", "{{").replace("}", "}}")
    for n, stand_in in enumerate(stand_ins):
        url = url.replace(str(stand_in), "{" + str(n) + "}")
    return url


SITE = _Site()


def id_url_maker(name: str) -> Callable[[int], str]:
    """``SITE.url(name, id)`` for many ids: the address reversed once, each id filled in."""
    template = SITE.base + _id_url(name, 1, get_script_prefix(), get_urlconf())
    return template.format


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
        Column("published", lambda s: s.published, "the publication date (YYYY-MM-DD)", "date"),
    ),
)


# Meetings ---------------------------------------------------------------------------------------


def _meeting_rows(meetings: QuerySet) -> Iterable:
    people = Participation.objects.only("id", "meeting_id", "name", "role", "official_id", "order").order_by("order")
    return _iterate(
        meetings.with_chairs()
        .select_related("source", "division")
        .defer(*(f"source__{name}" for name in SOURCE_TEXTS))
        .prefetch_related(
            Prefetch("participations", queryset=people, to_attr="people"),
            Prefetch("agenda_items", to_attr="agenda"),
            "documents",
        )
    )


_MEETING_FIELDS = (
    "id", "date", "year", "month", "day", "part_of_day", "body", "session_number", "locality", "division__code",
    *(f"source__{name}" for name in ("format", "url", "title", "site", "published")),
)  # fmt: skip


def _meeting_values(meetings: QuerySet) -> Iterable[list]:
    """MEETINGS' values from values_list, a chunk of meetings at a time with three queries for
    their people, agenda and documents: a download costs what its rows cost, not model instances."""
    url = id_url_maker("archive:meeting_detail")
    chunk: list[tuple] = []
    for row in meetings.values_list(*_MEETING_FIELDS).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _meeting_chunk(chunk, url)
            chunk = []
    yield from _meeting_chunk(chunk, url)


def _meeting_chunk(rows: list[tuple], url) -> Iterable[list]:
    if not rows:
        return
    ids = [row[0] for row in rows]
    people: dict[int, list[str]] = {}
    chairs: dict[int, list[str]] = {}
    named = Participation.objects.filter(meeting_id__in=ids).order_by("order")
    for meeting_id, name, role in named.values_list("meeting_id", "name", "role"):
        people.setdefault(meeting_id, []).append(f"{name}:{role}")
        if role == Role.CHAIR:
            chairs.setdefault(meeting_id, []).append(name)
    agenda: dict[int, list[str]] = {}
    items = AgendaItem.objects.filter(meeting_id__in=ids).order_by("order")
    for meeting_id, title in items.values_list("meeting_id", "title"):
        agenda.setdefault(meeting_id, []).append(title)
    documents: dict[int, list[str]] = {}
    cited = Document.meetings.through.objects.filter(meeting_id__in=ids).order_by("document__title")
    for meeting_id, title in cited.values_list("meeting_id", "document__title"):
        documents.setdefault(meeting_id, []).append(title)
    for meeting_id, date, year, month, day, part, body, session, locality, code, *source in rows:
        yield [
            meeting_id, url(meeting_id), date, year, month, day, part, body, session, locality, code,
            chairs.get(meeting_id, []), people.get(meeting_id, []), "；".join(agenda.get(meeting_id, ())),
            documents.get(meeting_id, []), *source,
        ]  # fmt: skip


MEETINGS = Table(
    about="one row per meeting",
    columns=(
        Column("id", lambda m: m.id, "the meeting", "integer"),
        Column("url", lambda m: SITE.url("archive:meeting_detail", m.id), "its page on the site"),
        Column("date", lambda m: m.date, "YYYY-MM-DD when year, month and day are all known", "date"),
        Column("year", lambda m: m.year, "the year the minutes give (empty when not given)", "integer"),
        Column("month", lambda m: m.month, "the month the minutes give (empty when not given)", "integer"),
        Column("day", lambda m: m.day, "the day the minutes give (empty when not given)", "integer"),
        Column("part_of_day", lambda m: m.part_of_day, " / ".join(PartOfDay.values)),
        Column("body", lambda m: m.body, "the kind of meeting (区政府常务会议)"),
        Column("session_number", lambda m: m.session_number, "N of 第N次", "integer"),
        Column("locality", lambda m: m.locality, "e.g. 柯桥区"),
        Column("division", lambda m: m.division.code if m.division else None, "its division's GB/T 2260 code"),
        Column("chair", lambda m: [p.name for p in m.chairs], "who chaired", "list"),
        Column(
            "participants",
            lambda m: [f"{p.name}:{p.role}" for p in m.people],
            f"name:role of everyone named (role: {', '.join(Role.values)})",
            "list",
        ),
        Column(
            "agenda",
            lambda m: "；".join(a.title for a in sorted(m.agenda, key=lambda a: a.order)),
            "agenda item titles in order, joined with ；",
        ),
        Column("documents", lambda m: [d.title for d in m.documents.all()], "titles cited in 《》", "list"),
        *SOURCES.through("source"),
    ),
    fetch=_meeting_rows,
    plain=_meeting_values,
)


# Participations ---------------------------------------------------------------------------------

PARTICIPATIONS = Table(
    about="one row per person named in a meeting",
    columns=(
        Column("id", lambda p: p.id, "the participation", "integer"),
        Column("meeting_id", lambda p: p.meeting_id, "the meeting", "integer"),
        Column("order", lambda p: p.order, "order of mention in the minutes", "integer"),
        Column("official_id", lambda p: p.official_id, "the official (empty when not linked)", "integer"),
        Column("name", lambda p: p.name, "the name in simplified characters"),
        Column("name_as_written", lambda p: p.name_as_written, "the name exactly as written"),
        Column("role", lambda p: p.role, ", ".join(Role.values)),
        Column("titles", lambda p: p.titles, "posts written before the name", "list"),
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
            yield from with_sums(chunk)
            chunk = []
    yield from with_sums(chunk)


def with_sums(officials: list) -> Iterable:
    """Each official of the list with ``meeting_count``, ``first_date``, ``last_date`` and
    ``all_titles`` set (two queries for the list)."""
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
    # Each distinct list once (a busy official's hundreds of participations repeat a few lists),
    # in a fixed order, so the list, the detail and every release agree. Ordering them by when
    # they were first written needs a GROUP BY that cost 20 times the DISTINCT at 100k meetings.
    for official_id, written in mine.values_list("official_id", "titles").order_by("official_id", "titles").distinct():
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
        Column("id", lambda o: o.id, "the official", "integer"),
        Column("url", lambda o: SITE.url("archive:official_detail", o.id), "their page on the site"),
        Column("name", lambda o: o.name, "in simplified characters"),
        Column("pinyin", lambda o: o.romanized, "the name romanised (Li Zhilong)"),
        Column("locality", lambda o: o.locality, "where they serve"),
        Column("meeting_count", lambda o: o.meeting_count, "distinct meetings they are named in", "integer"),
        Column("first_date", lambda o: o.first_date, "the date of the first of those meetings", "date"),
        Column("last_date", lambda o: o.last_date, "the date of the last", "date"),
        Column("titles", lambda o: o.all_titles, "every title written with their name", "list"),
    ),
    fetch=_official_rows,
)


# Agenda items, documents, citations -------------------------------------------------------------

AGENDA_ITEMS = Table(
    about="one row per agenda item",
    columns=(
        Column("id", lambda a: a.id, "the agenda item", "integer"),
        Column("meeting_id", lambda a: a.meeting_id, "its meeting", "integer"),
        Column("meeting_url", lambda a: SITE.url("archive:meeting_detail", a.meeting_id), "the meeting's page"),
        Column("meeting_date", lambda a: a.meeting.date, "the meeting's date", "date"),
        Column("body", lambda a: a.meeting.body, "the meeting's body"),
        Column("locality", lambda a: a.meeting.locality, "the meeting's locality"),
        Column("order", lambda a: a.order, "its place on the agenda", "integer"),
        Column("title", lambda a: a.title, "what was on the agenda"),
        Column("kind", lambda a: a.kind, ", ".join(AgendaItem.Kind.values)),
    ),
    fetch=lambda items: _iterate(items.select_related("meeting")),
)

DOCUMENTS = Table(
    about="one row per document title cited",
    columns=(
        Column("id", lambda d: d.id, "the document", "integer"),
        Column("url", lambda d: SITE.url("archive:document_detail", d.id), "its page on the site"),
        Column("title", lambda d: d.title, "the title, without 《》"),
        Column("meeting_count", lambda d: d.meeting_count, "meetings that cite it", "integer"),
    ),
    fetch=lambda documents: _iterate(documents.annotate(meeting_count=Count("meetings"))),
)

CITATIONS = Table(
    about="which meeting cites which document",
    columns=(
        Column("meeting_id", lambda c: c.meeting_id, "the meeting", "integer"),
        Column("document_id", lambda c: c.document_id, "a document it cites", "integer"),
    ),
)


# Careers: appointments, posts, tenures; places and bodies ---------------------------------------


def _post_url(post) -> str | None:
    """A post's page; a post of no known division has none."""
    if post.division is None:
        return None
    return SITE.url("archive:post_detail", post.division.code, post.organ, post.office)


APPOINTMENTS = Table(
    about="one row per personnel decision (任免) that names its person",
    columns=(
        Column("id", lambda a: a.id, "the appointment", "integer"),
        Column("meeting_id", lambda a: a.meeting_id, "the meeting that decided it", "integer"),
        Column("meeting_date", lambda a: a.meeting.date, "the meeting's date", "date"),
        Column("division", lambda a: a.meeting.division.code if a.meeting.division else None, "the meeting's division"),
        Column("agenda_item_id", lambda a: a.agenda_item_id, "the agenda item holding it (empty if none)", "integer"),
        Column("official_id", lambda a: a.official_id, "the official (empty when not linked)", "integer"),
        Column("name", lambda a: a.name, "the name in simplified characters, as written"),
        Column("action", lambda a: a.action, ", ".join(Appointment.Action.values)),
        Column("post", lambda a: a.post, "the post as written"),
        Column("order", lambda a: a.order, "order of mention in the minutes", "integer"),
    ),
    fetch=lambda rows: _iterate(rows.select_related("meeting__division")),
)

POSTS = Table(
    about="one row per post: an office in an organ of a division",
    columns=(
        Column("id", lambda p: p.id, "the post", "integer"),
        Column("url", _post_url, "its page on the site (empty without a division)"),
        Column("division", lambda p: p.division.code if p.division else None, "its division's GB/T 2260 code"),
        Column("organ", lambda p: p.organ, "the organ (区政府, 区委)"),
        Column("office", lambda p: p.office, "the office (副区长)"),
        Column("label", lambda p: p.label, "the post as people write it"),
    ),
    fetch=lambda rows: _iterate(rows.select_related("division")),
)

TENURES = Table(
    about="one row per official in a post: first and last seen, from the meetings and appointments",
    columns=(
        Column("id", lambda t: t.id, "the tenure", "integer"),
        Column("official_id", lambda t: t.official_id, "the official", "integer"),
        Column("official_name", lambda t: t.official.name, "the official's name"),
        Column("post_id", lambda t: t.post_id, "the post", "integer"),
        Column("post", lambda t: t.post.label, "the post as people write it"),
        Column("written", lambda t: t.written, "the title as written"),
        Column("first_date", lambda t: t.first_date, "first seen in the post", "date"),
        Column("last_date", lambda t: t.last_date, "last seen in the post", "date"),
        Column("meeting_count", lambda t: t.meeting_count, "meetings that show it", "integer"),
        Column("first_meeting_id", lambda t: t.first_meeting_id, "the first of those meetings", "integer"),
        Column("last_meeting_id", lambda t: t.last_meeting_id, "the last", "integer"),
        Column("started_by", lambda t: t.started_by_id, "the appointment that started it (empty if none)", "integer"),
        Column("ended_by", lambda t: t.ended_by_id, "the appointment that ended it (empty if none)", "integer"),
    ),
    fetch=lambda rows: _iterate(rows.select_related("official", "post").defer("curated")),
)

DIVISIONS = Table(
    about="one row per administrative division (GB/T 2260)",
    columns=(
        Column("code", lambda d: d.code, "the six-digit GB/T 2260 code"),
        Column("url", lambda d: SITE.url("archive:division_detail", d.code), "its page on the site"),
        Column("name", lambda d: d.name, "its name (柯桥区)"),
        Column("full_name", lambda d: d.full_name, "with the names above it (浙江省绍兴市柯桥区)"),
        Column("level", lambda d: d.level, ", ".join(Division.Level.values)),
        Column("parent", lambda d: d.parent.code if d.parent else None, "the code of the division above it"),
        Column(
            "valid_from",
            lambda d: d.valid_from,
            "the year its current name came into use (1981: in use then)",
            "integer",
        ),
        Column("valid_until", lambda d: d.valid_until, "the year it ceased; null while in use", "integer"),
        Column(
            "successor",
            lambda d: d.successor.code if d.successor else None,
            "the code of the division that continues it under another name (绍兴县 → 柯桥区)",
        ),
        Column(
            "successors", lambda d: d.successor_codes.split(), "the codes that took its area when it ceased", "list"
        ),
    ),
    fetch=lambda rows: _iterate(rows.select_related("parent", "successor")),
)


def _body_url(row) -> str:
    return SITE.url("archive:body_detail", row["division"] or "-", row["body"])


BODIES = Table(
    about="one row per body (the kind of meeting) in a division, from its meetings",
    columns=(
        Column("body", lambda b: b["body"], "the kind of meeting (区政府常务会议)"),
        Column("division", lambda b: b["division"], "its division's GB/T 2260 code (empty if unknown)"),
        Column("url", _body_url, "its page on the site"),
        Column("meeting_count", lambda b: b["meeting_count"], "its meetings in the archive", "integer"),
        Column("first_date", lambda b: b["first_date"], "the date of its first meeting", "date"),
        Column("last_date", lambda b: b["last_date"], "the date of its last", "date"),
    ),
    fetch=lambda rows: iter(rows),  # rows are already dicts (archive.api groups the meetings)
)
