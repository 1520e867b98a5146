"""Every list as CSV or JSON, with the filters it was shown with (?format=csv / ?format=json), and
the whole archive as a ZIP of CSVs with its data dictionary. The columns are archive.columns's
(the admin's resources export the same); every CSV cell goes through the one formula-escaping
rule (archive.spreadsheets), here where it is written."""

import csv
import io
import json
import tempfile
import zipfile

from django.http import FileResponse, StreamingHttpResponse

from .columns import AGENDA_ITEMS, CITATIONS, DOCUMENTS, MEETINGS, OFFICIALS, PARTICIPATIONS, SITE, Table, text
from .spreadsheets import escape_cell

FORMATS = ("csv", "json")


class _Echo:
    def write(self, value):
        return value


def export_response(table: Table, queryset, name: str, fmt: str) -> StreamingHttpResponse:
    """Stream the rows of ``queryset`` with the columns of ``table``."""
    rows = table.rows(queryset)
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so Excel reads UTF-8 Chinese
            yield writer.writerow(table.headers)
            for row in rows:
                yield writer.writerow(csv_row(table, row))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:

        def chunks():
            yield "["
            for index, row in enumerate(rows):
                record = {column.header: column.get(row) for column in table.columns}
                yield ("," if index else "") + json.dumps(record, ensure_ascii=False, default=str)
            yield "]"

        response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def csv_row(table: Table, row) -> list[str]:
    """One CSV row: each value as cell text (lists joined first, so the escaping sees the text a
    spreadsheet will), escaped."""
    return [escape_cell(text(column.get(row))) for column in table.columns]


def _zip_tables():
    from .models import AgendaItem, Document, Meeting, Official, Participation

    return [
        ("meetings.csv", MEETINGS, Meeting.objects.order_by("id")),
        ("participations.csv", PARTICIPATIONS, Participation.objects.order_by("meeting_id", "order")),
        ("officials.csv", OFFICIALS, Official.objects.order_by("id")),
        ("agenda_items.csv", AGENDA_ITEMS, AgendaItem.objects.order_by("meeting_id", "order")),
        ("documents.csv", DOCUMENTS, Document.objects.order_by("id")),
        ("citations.csv", CITATIONS, Document.meetings.through.objects.order_by("meeting_id", "document_id")),
    ]


_PREAMBLE = """\
Minutes archive: every table as CSV (UTF-8 with BOM, comma-separated; lists joined with 、).
Cells that a spreadsheet would run as a formula start with an apostrophe.
Site: {base}
"""


def data_dictionary(tables: list[tuple[str, Table]], base: str) -> str:
    """README.txt of the ZIP: each file, what a row is, and each column's meaning."""
    parts = [_PREAMBLE.format(base=base)]
    for name, table in tables:
        width = max(len(header) for header in table.headers)
        lines = [f"{name}: {table.about}"]
        lines += [f"  {column.header.ljust(width)}  {column.about}" for column in table.columns]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def archive_zip() -> FileResponse:
    """The whole archive as a ZIP of CSVs with a data dictionary (README.txt), written to a
    temporary file table by table, then streamed."""
    tables = _zip_tables()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", data_dictionary([(name, table) for name, table, _ in tables], SITE.base or "/"))
        for name, table, queryset in tables:
            with archive.open(name, "w") as member, io.TextIOWrapper(member, encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                out.write("\ufeff")
                writer.writerow(table.headers)
                for row in table.rows(queryset):
                    writer.writerow(csv_row(table, row))
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename="minutes-archive.zip", content_type="application/zip")
