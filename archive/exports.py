"""Every list as CSV or JSON, with the filters it was shown with (?format=csv / ?format=json)."""

import csv
import json

from django.db.models import F
from django.http import StreamingHttpResponse

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
