"""Every list as CSV or JSON, with the filters it was shown with (?format=csv / ?format=json)."""

import csv
import json

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
