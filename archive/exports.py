"""Every list as CSV or JSON, with the filters it was shown with (?format=csv / ?format=json), and
the data dictionary of a release (the whole archive, archive.releases, written once per release,
not per request). The columns are archive.columns's (the admin's resources export the same);
every CSV cell goes through the one formula-escaping rule (archive.spreadsheets), here where it
is written."""

import csv
import datetime
import json

from django.http import StreamingHttpResponse

from .columns import Table, text
from .spreadsheets import escape_cell

FORMATS = ("csv", "json")


class _Echo:
    def write(self, value):
        return value


def export_response(table: Table, queryset, name: str, fmt: str) -> StreamingHttpResponse:
    """Stream the rows of ``queryset`` with the columns of ``table``."""
    rows = table.value_rows(queryset)
    headers = table.headers
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so Excel reads UTF-8 Chinese
            yield writer.writerow(headers)
            for values in rows:
                yield writer.writerow([cell(value) for value in values])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:
        encode = json.JSONEncoder(ensure_ascii=False, default=str).encode

        def chunks():
            yield "["
            for index, values in enumerate(rows):
                yield ("," if index else "") + encode(dict(zip(headers, values, strict=True)))
            yield "]"

        response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def cell(value):
    """A value as a CSV cell: its text (archive.columns.text), escaped as a spreadsheet formula
    would be. The checks a non-negative number or a date cannot need are skipped (a download
    makes one cell per column per row)."""
    kind = type(value)
    if kind is str:
        return escape_cell(value)
    if value is None:
        return ""
    if kind is int and value >= 0:
        return value
    if kind is datetime.date:
        return value.isoformat()
    return escape_cell(text(value))


def csv_row(table: Table, row) -> list[str]:
    """One CSV row: each value as cell text (lists joined first, so the escaping sees the text a
    spreadsheet will), escaped."""
    return [escape_cell(text(column.get(row))) for column in table.columns]


_PREAMBLE = """\
Minutes archive: every table as CSV (UTF-8 with BOM, comma-separated; lists joined with 、).
Cells that a spreadsheet would run as a formula start with an apostrophe.
Site: {base}
"""


def data_dictionary(tables: list[tuple[str, Table]], base: str) -> str:
    """README.txt of a release: each file, what a row is, and each column's meaning."""
    parts = [_PREAMBLE.format(base=base)]
    for name, table in tables:
        width = max(len(header) for header in table.headers)
        lines = [f"{name}: {table.about}"]
        lines += [f"  {column.header.ljust(width)}  {column.about}" for column in table.columns]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
