"""Every list as CSV or JSON, with the filters it was shown with (?format=csv / ?format=json), and
the whole archive as a ZIP of CSVs. The columns of each model are defined once, here; every CSV
cell goes through the one formula-escaping rule (archive.spreadsheets)."""

import csv
import io
import json
import tempfile
import zipfile
from contextvars import ContextVar

from django.db.models import Count, F, Max, Min, Prefetch
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse

from .spreadsheets import escape_cell

FORMATS = ("csv", "json")


class _Echo:
    def write(self, value):
        return value


def export_response(rows, columns: list[tuple[str, callable]], name: str, fmt: str) -> StreamingHttpResponse:
    """Stream ``rows`` (an iterable of objects) with ``columns`` as (header, getter) pairs."""
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so Excel reads UTF-8 Chinese
            yield writer.writerow([header for header, _ in columns])
            for row in rows:
                yield writer.writerow([_cell(get(row)) for _, get in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:

        def chunks():
            yield "["
            for index, row in enumerate(rows):
                record = {header: get(row) for header, get in columns}
                yield ("," if index else "") + json.dumps(record, ensure_ascii=False, default=str)
            yield "]"

        response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _cell(value):
    """One CSV cell: lists joined first, so the escaping sees the text a spreadsheet will."""
    if isinstance(value, list | tuple):
        value = "、".join(map(str, value))
    return escape_cell("" if value is None else str(value))


# Where a meeting's source came from (archive.intake), as columns of the meeting exports.
_SOURCE_FIELDS = ("format", "url", "title", "site", "published")


def with_source(meetings):
    """The source's format, URL, title, site and publication date on each meeting, in the same
    query (its text is not loaded)."""
    return meetings.annotate(**{f"source_{name}": F(f"source__{name}") for name in _SOURCE_FIELDS})


SOURCE_COLUMNS = [
    ("source_format", lambda m: m.source_format),
    ("source_url", lambda m: m.source_url),
    ("source_title", lambda m: m.source_title),
    ("source_site", lambda m: m.source_site),
    ("source_published", lambda m: m.source_published.isoformat() if m.source_published else None),
]


# Column definitions, one per model ---------------------------------------------------------


class _Site:
    """The site's address, so every row carries a link back (set per request by the views; a
    context variable, so concurrent requests do not see each other's)."""

    _base = ContextVar("export_base", default="")

    @property
    def base(self) -> str:
        return self._base.get()

    def set_base(self, request) -> None:
        self._base.set(request.build_absolute_uri("/").rstrip("/"))

    def url(self, name, *args):
        return self.base + reverse(name, args=args)


SITE = _Site()


def _iso(value):
    return value.isoformat() if value else None


def meeting_rows(meetings):
    """What MEETING_COLUMNS read, fetched per chunk of 2,000 (no query per row)."""
    participations = Prefetch("participations", queryset=_participations().order_by("order"), to_attr="people")
    return (
        with_source(meetings.with_chairs())
        .prefetch_related(participations, Prefetch("agenda_items", to_attr="agenda"), "documents")
        .iterator(chunk_size=2000)
    )


def _participations():
    from .models import Participation

    return Participation.objects.only("id", "meeting_id", "name", "role", "official_id", "order")


MEETING_COLUMNS = [
    ("id", lambda m: m.id),
    ("url", lambda m: SITE.url("archive:meeting_detail", m.id)),
    ("date", lambda m: _iso(m.date)),
    ("year", lambda m: m.year),
    ("month", lambda m: m.month),
    ("day", lambda m: m.day),
    ("part_of_day", lambda m: m.part_of_day),
    ("body", lambda m: m.body),
    ("session_number", lambda m: m.session_number),
    ("locality", lambda m: m.locality),
    ("chair", lambda m: [p.name for p in m.chairs]),
    ("participants", lambda m: [f"{p.name}:{p.role}" for p in m.people]),
    ("agenda", lambda m: "；".join(a.title for a in sorted(m.agenda, key=lambda a: a.order))),
    ("documents", lambda m: [d.title for d in m.documents.all()]),
    *SOURCE_COLUMNS,
]


def official_rows(officials):
    """Officials with their number of meetings, first and last meeting date (one aggregate query
    per chunk) and the titles written with their name."""
    from .models import Participation

    def rows():
        chunk = []
        for official in officials.iterator(chunk_size=2000):
            chunk.append(official)
            if len(chunk) == 2000:
                yield from _with_stats(chunk, Participation)
                chunk = []
        yield from _with_stats(chunk, Participation)

    return rows()


def _with_stats(officials, participation_model):
    ids = [o.id for o in officials]
    stats = {
        row["official_id"]: row
        for row in participation_model.objects.filter(official_id__in=ids)
        .values("official_id")
        .annotate(n=Count("meeting_id", distinct=True), first=Min("meeting__date"), last=Max("meeting__date"))
    }
    titles: dict[int, list[str]] = {}
    for official_id, written in participation_model.objects.filter(official_id__in=ids).values_list(
        "official_id", "titles"
    ):
        seen = titles.setdefault(official_id, [])
        seen.extend(t for t in written if t not in seen)
    for official in officials:
        row = stats.get(official.id, {})
        official.meeting_count = row.get("n", 0)
        official.first_date, official.last_date = row.get("first"), row.get("last")
        official.all_titles = titles.get(official.id, [])
        yield official


OFFICIAL_COLUMNS = [
    ("id", lambda o: o.id),
    ("url", lambda o: SITE.url("archive:official_detail", o.id)),
    ("name", lambda o: o.name),
    ("pinyin", lambda o: o.romanized),
    ("locality", lambda o: o.locality),
    ("meeting_count", lambda o: o.meeting_count),
    ("first_date", lambda o: _iso(o.first_date)),
    ("last_date", lambda o: _iso(o.last_date)),
    ("titles", lambda o: o.all_titles),
]


def agenda_rows(items):
    return items.select_related("meeting").iterator(chunk_size=2000)


AGENDA_COLUMNS = [
    ("id", lambda a: a.id),
    ("meeting_id", lambda a: a.meeting_id),
    ("meeting_url", lambda a: SITE.url("archive:meeting_detail", a.meeting_id)),
    ("meeting_date", lambda a: _iso(a.meeting.date)),
    ("body", lambda a: a.meeting.body),
    ("locality", lambda a: a.meeting.locality),
    ("order", lambda a: a.order),
    ("title", lambda a: a.title),
    ("kind", lambda a: a.kind),
]


def document_rows(documents):
    return documents.annotate(meeting_count=Count("meetings")).iterator(chunk_size=2000)


DOCUMENT_COLUMNS = [
    ("id", lambda d: d.id),
    ("url", lambda d: SITE.url("archive:document_detail", d.id)),
    ("title", lambda d: d.title),
    ("meeting_count", lambda d: d.meeting_count),
]


PARTICIPATION_COLUMNS = [
    ("meeting_id", lambda p: p.meeting_id),
    ("order", lambda p: p.order),
    ("official_id", lambda p: p.official_id),
    ("name", lambda p: p.name),
    ("name_as_written", lambda p: p.name_as_written),
    ("role", lambda p: p.role),
    ("titles", lambda p: p.titles),
]

CITATION_COLUMNS = [("meeting_id", lambda c: c.meeting_id), ("document_id", lambda c: c.document_id)]


DATA_DICTIONARY = """\
Minutes archive: every table as CSV (UTF-8 with BOM, comma-separated; lists joined with 、).
Cells that a spreadsheet would run as a formula start with an apostrophe.
Site: {base}

meetings.csv       one row per meeting
  id, url          the meeting and its page on the site
  date             YYYY-MM-DD when year, month and day are all known
  year, month, day what the minutes give (empty when not given)
  part_of_day      上午 / 下午 / 晚上
  body             the kind of meeting (区政府常务会议)
  session_number   N of 第N次
  locality         e.g. 柯桥区
  chair            who chaired
  participants     name:role of everyone named (role: chair, attendee, observer, conveyor, reporter, speaker)
  agenda           agenda item titles in order, joined with ；
  documents        titles cited in 《》
  source_*         where the minutes were published (format, URL, title, site, publication date)
participations.csv one row per person named in a meeting
  meeting_id, order, official_id (empty when not linked), name (simplified), name_as_written, role,
  titles (posts written before the name)
officials.csv      one row per person
  id, url, name, pinyin, locality, meeting_count (distinct meetings), first_date, last_date, titles
agenda_items.csv   one row per agenda item
  id, meeting_id, meeting_url, meeting_date, body, locality, order, title,
  kind (study, hearing, deliberation, review)
documents.csv      one row per document title cited
  id, url, title, meeting_count (meetings that cite it)
citations.csv      meeting_id, document_id: which meeting cites which document
"""


def archive_zip() -> FileResponse:
    """The whole archive as a ZIP of CSVs with a data dictionary (README.txt), written to a
    temporary file table by table, then streamed."""
    from .models import AgendaItem, Document, Meeting, Official, Participation

    tables = [
        ("meetings.csv", meeting_rows(Meeting.objects.order_by("id")), MEETING_COLUMNS),
        (
            "participations.csv",
            Participation.objects.order_by("meeting_id", "order").iterator(chunk_size=5000),
            PARTICIPATION_COLUMNS,
        ),
        ("officials.csv", official_rows(Official.objects.order_by("id")), OFFICIAL_COLUMNS),
        ("agenda_items.csv", agenda_rows(AgendaItem.objects.order_by("meeting_id", "order")), AGENDA_COLUMNS),
        ("documents.csv", document_rows(Document.objects.order_by("id")), DOCUMENT_COLUMNS),
        (
            "citations.csv",
            Document.meetings.through.objects.order_by("meeting_id", "document_id").iterator(chunk_size=5000),
            CITATION_COLUMNS,
        ),
    ]
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", DATA_DICTIONARY.format(base=SITE.base or "/"))
        for name, rows, columns in tables:
            with archive.open(name, "w") as member, io.TextIOWrapper(member, encoding="utf-8", newline="") as text:
                writer = csv.writer(text)
                text.write("\ufeff")
                writer.writerow([header for header, _ in columns])
                for row in rows:
                    writer.writerow([_cell(get(row)) for _, get in columns])
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename="minutes-archive.zip", content_type="application/zip")
