"""What curators decided about a meeting, in the form a re-parse honours it.

A meeting field a curator edited is locked (``Meeting.locked_fields``). A participation or agenda
item a curator added or edited is ``curated`` and stays as it is; the parse's row of the same
identity is not written again. A parsed row a curator deleted, renamed or re-roled is remembered
as discarded (``DiscardedParticipation`` by name and role, ``DiscardedAgendaItem`` by title) and not
written again either. Identity: a participation is its (name, role); an agenda item is its title,
and its order is a place that a curated item may hold.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from ..parsing import ParsedMinutes
from ..parsing.result import ParsedAgendaItem, ParsedParticipant

_local = threading.local()


@contextmanager
def replacing_parsed_rows():
    """Rows deleted or changed in here are the writer's own (a re-parse replacing parsed rows),
    not a curator's decision; the signals that remember curators' deletions stand aside."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1


def is_replacing_parsed_rows() -> bool:
    return getattr(_local, "depth", 0) > 0


@dataclass(frozen=True)
class Curation:
    locked_fields: frozenset[str] = frozenset()
    # (name, role) the parse must not write: curated rows stand for them, or a curator discarded them.
    people: frozenset[tuple[str, str]] = frozenset()
    # Agenda titles the parse must not write, and the orders curated items hold.
    titles: frozenset[str] = frozenset()
    orders: frozenset[int] = frozenset()
    # The length stored titles are cut to (the column's), to compare a parsed title with them.
    title_length: int | None = None
    # The meeting's (locality, division id) when a curator set either: officials are resolved there.
    place: tuple[str, int | None] | None = None

    @classmethod
    def of(cls, meeting) -> Curation:
        curated_items = list(meeting.agenda_items.filter(curated=True).values_list("order", "title"))
        people = set(meeting.participations.filter(curated=True).values_list("name", "role"))
        people |= set(meeting.discarded_participations.values_list("name", "role"))
        titles = {title for _, title in curated_items}
        titles |= set(meeting.discarded_agenda_items.values_list("title", flat=True))
        return cls(
            frozenset(meeting.locked_fields),
            frozenset(people),
            frozenset(titles),
            frozenset(o for o, _ in curated_items),
            meeting.agenda_items.model._meta.get_field("title").max_length,
            _curated_place(meeting),
        )

    def participants(self, parsed: ParsedMinutes) -> list[tuple[int, ParsedParticipant]]:
        """The parse's participants with their order of mention, less those curators decided on."""
        everyone = enumerate(parsed.meeting.participants, 1)
        return [(order, p) for order, p in everyone if (p.name, p.role) not in self.people]

    def agenda_items(self, parsed: ParsedMinutes) -> list[tuple[int, ParsedAgendaItem]]:
        """The parse's items with the order to write them at. An item whose title a curated or
        discarded item has is left out; one whose order a curated item holds moves after the last."""
        taken, placed, displaced = set(self.orders), [], []
        for item in parsed.meeting.agenda_items:
            if item.title[: self.title_length] in self.titles:
                continue
            if item.order in taken:
                displaced.append(item)
            else:
                taken.add(item.order)
                placed.append((item.order, item))
        after = max(taken, default=0)
        placed.extend((after + n, item) for n, item in enumerate(displaced, 1))
        return placed

    def kept(self, field: str) -> bool:
        # A key's column (division_id) is kept when its field (division) is.
        return field in self.locked_fields or field.removesuffix("_id") in self.locked_fields


def _curated_place(meeting) -> tuple[str, int | None] | None:
    locked = set(meeting.locked_fields or ())
    if not locked & {"locality", "division"}:
        return None
    if not meeting.locality and meeting.division_id is None:
        return None
    locality = meeting.locality or (meeting.division.name if meeting.division_id else "")
    return locality, meeting.division_id
