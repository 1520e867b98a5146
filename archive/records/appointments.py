"""Personnel decisions (任免): the parse's appointments as rows, linked to the meeting, the agenda
item whose text holds them and the official resolved as participants are (.officials).

Curated appointments stay on a re-parse, and the parse's appointment of the same (name, action) is
not written again (as a participation is its (name, role)); parsed ones are replaced by the new
parse's."""

from __future__ import annotations

from ..bulk import insert_rows
from ..models import AgendaItem, Appointment
from .parses import Parse
from .rows import fitted


def curated_keys(meeting) -> set[tuple[str, str]]:
    return set(meeting.appointments.filter(curated=True).values_list("name", "action"))


def write_appointments(meetings: list[tuple[int, Parse]], officials: dict, curated=frozenset()) -> None:
    """The appointments of these meetings (by id); their agenda items are written already."""
    with_appointments = [(m, p) for m, p in meetings if p.parsed.meeting.appointments]
    if not with_appointments:
        return
    items = AgendaItem.objects.filter(meeting_id__in=[m for m, _ in with_appointments])
    item_texts: dict[int, list[tuple[int, str]]] = {}
    for pk, meeting_id, text in items.order_by("order").values_list("id", "meeting_id", "text"):
        item_texts.setdefault(meeting_id, []).append((pk, text))
    rows = []
    for meeting_id, parse in with_appointments:
        text = parse.parsed.text
        spans = [(pk, text.find(t), len(t)) for pk, t in item_texts.get(meeting_id, []) if t]
        for order, a in enumerate(parse.parsed.meeting.appointments, 1):
            if (a.name, a.action) in curated:
                continue
            item = next((pk for pk, at, n in spans if at >= 0 and at <= a.start < at + n), None)
            rows.append(
                fitted(
                    Appointment,
                    {
                        "meeting_id": meeting_id,
                        "agenda_item_id": item,
                        "official_id": officials.get((a.name, parse.place)),
                        "name": a.name,
                        "action": a.action,
                        "post": a.post or "",
                        "order": order,
                        "start": a.start,
                        "end": a.end,
                    },
                )
            )
    insert_rows(Appointment, rows)
