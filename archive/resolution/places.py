"""A parse's locality as a division (archive.divisions), and the warning when a shared name
(朝阳区) is not decided by the context: ``ambiguous-division``, which puts the meeting in the
review queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import divisions
from ..parsing.result import ParseWarning, WarningKind

if TYPE_CHECKING:
    from .parses import Parse

CONTEXT_CHARS = 3000


def context_of(parse: Parse) -> str:
    options = parse.options
    parts = [options.locality, options.map_locality, options.site_locality, parse.context]
    meta = getattr(parse.file.source, "meta", None)
    if meta is not None:
        parts += [meta.site, meta.title]
    parts.append(parse.parsed.text[:CONTEXT_CHARS])
    return " ".join(p for p in parts if p)


def division_of(parse: Parse, index=None) -> divisions.Resolution:
    resolution = divisions.resolve(parse.locality, context_of(parse), index)
    if resolution.ambiguous:
        warnings = parse.parsed.meeting.warnings
        # One such warning per parse, however often its division is resolved.
        if not any(w.kind is WarningKind.AMBIGUOUS_DIVISION for w in warnings):
            candidates = "、".join(resolution.candidates)
            message = f"{parse.locality} may be {candidates}; set the meeting's division"
            warnings.append(ParseWarning(WarningKind.AMBIGUOUS_DIVISION, message))
    return resolution


def resolve_places(parses: list[Parse]) -> None:
    """Resolve every parse's division with one look at the table for the batch."""
    index = divisions.current_index()
    for parse in parses:
        if "division" not in parse.__dict__:
            parse.__dict__["division"] = division_of(parse, index)
