"""What records take: a parsed document (``FileParse``, made where it is parsed, in a worker
process too: no Django here), the options it was loaded with, its place (a ``Resolution``) and
what curators decided about its meeting."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from ..intake import Document
from ..parsing import LoadOptions, ParsedMinutes
from ..parsing.result import ParsedAgendaItem, ParsedParticipant
from ..parsing.textsearch import meeting_text
from ..resolution import Resolution, resolve, resolve_all
from .curation import Curation

__all__ = ["Curation", "FileParse", "LoadOptions", "Parse", "resolve_places", "searchable_text", "text_digest"]


@dataclass
class FileParse:
    path: str
    sha256: str | None
    text_sha256: str | None = None
    parsed: ParsedMinutes | None = None
    error: str | None = None
    # The meeting's searchable text and its bigrams (without a locality), made where it is parsed.
    search_text: str = ""
    search_bigrams: str = ""
    # The document it was parsed from: what it says about itself and its exact bytes.
    source: Document | None = None
    # The locality the --locality-map gives for this document ('' when none).
    mapped_locality: str = ""


def text_digest(text: str) -> str:
    """Digest of the normalised text with line endings unified: the same minutes in another
    encoding, with CRLF endings or in traditional script have the same one."""
    return hashlib.sha256(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).hexdigest()


def searchable_text(parsed: ParsedMinutes) -> str:
    m = parsed.meeting
    fields = {"body": m.body, "locality": "", "year": m.year, "part_of_day": m.part_of_day}
    return meeting_text(fields, m.participants, [a.title for a in m.agenda_items], m.documents)


@dataclass
class Parse:
    file: FileParse
    options: LoadOptions = field(default_factory=LoadOptions)
    curation: Curation = field(default_factory=Curation)
    # The review reasons its meeting was written with (records fill it in; None until then).
    review: list | None = None

    @property
    def parsed(self) -> ParsedMinutes:
        return self.file.parsed

    @cached_property
    def resolution(self) -> Resolution:
        """The place, resolved once (the pipeline resolves a batch at a time: ``resolve_all``)."""
        source = self.file.source
        return resolve(self.parsed, self.options, source.meta if source is not None else None)

    @property
    def locality(self) -> str:
        return self.resolution.locality

    @property
    def locality_decision(self) -> tuple[str, str]:
        """(locality, the rule that decided it: option | map | text | site | '')."""
        return self.resolution.locality, self.resolution.locality_rule

    @property
    def division(self):
        return self.resolution.division

    @property
    def place(self) -> tuple[str, int | None]:
        """Where this meeting's people serve, as officials are keyed: (locality, division id); a
        curator's locality and division when they set them (a re-parse keeps them)."""
        if self.curation.place is not None:
            return self.curation.place
        return self.resolution.place

    @property
    def place_unknown(self) -> bool:
        """Nobody of this meeting is linked to an official automatically (README, "Officials over
        time"): no place, or a shared name nothing decided, and no curator set one."""
        return self.curation.place is None and self.resolution.unknown

    def place_reasons(self) -> list:
        """The resolution's review reasons, less those a curator's place settles."""
        return [] if self.curation.place is not None else self.resolution.reasons()

    @cached_property
    def participants(self) -> list[tuple[int, ParsedParticipant]]:
        """(order, participant) to write: the parse's, less what curators replaced or removed."""
        return self.curation.participants(self.parsed)

    @cached_property
    def agenda_items(self) -> list[tuple[int, ParsedAgendaItem]]:
        return self.curation.agenda_items(self.parsed)


def resolve_places(parses: list[Parse]) -> None:
    """Resolve the places of a batch with one look at the division table (those not resolved yet)."""
    pending = [p for p in parses if "resolution" not in p.__dict__]
    found = resolve_all((p.parsed, p.options, p.file.source.meta if p.file.source else None) for p in pending)
    for parse, resolution in zip(pending, found, strict=True):
        parse.__dict__["resolution"] = resolution
