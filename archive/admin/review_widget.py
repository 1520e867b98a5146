"""The export/import cell of a meeting's review reasons (archive.admin.resources.MeetingResource)."""

from __future__ import annotations

import json

from import_export import widgets

from ..review import ReviewReason, stored_reasons


class ReviewReasonsWidget(widgets.Widget):
    """A meeting's review reasons (stored as values) in a cell as a JSON list of strings, 'kind' or
    'kind: detail' (``["year-missing", "ambiguous-official: 王伟"]``): readable in a spreadsheet,
    and the cell exports wrote before reasons were values, so those files import still. A list of
    {"kind", "detail"} objects reads too. A kind none of ReasonKind is refused, naming the cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        items = value
        if not isinstance(items, list):
            try:
                items = json.loads(value)
            except (TypeError, ValueError):
                items = None
        if not isinstance(items, list):
            raise ValueError(f"not a JSON list: {value!r}")
        try:
            return stored_reasons(_reason(item) for item in items)
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"not a list of review reasons ('kind' or 'kind: detail'): {value!r}") from None

    def render(self, value, obj=None, **kwargs):
        return json.dumps([_reason(item).as_text() for item in value or ()], ensure_ascii=False)


def _reason(item) -> ReviewReason:
    if isinstance(item, dict):
        return ReviewReason.from_stored(item)
    if isinstance(item, str):
        return ReviewReason.from_text(item)
    raise TypeError(item)
