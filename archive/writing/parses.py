"""One parse on its way into rows: the file, the options it was loaded with, what curators decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..parsing import ParsedMinutes
from ..parsing.files import FileParse
from ..parsing.result import ParsedAgendaItem, ParsedParticipant
from .curation import Curation


@dataclass(frozen=True)
class LoadOptions:
    """What load_minutes was told (--locality, --year). Stored with the source, so that a re-parse
    reads the text as the load did."""

    locality: str = ""
    year: int | None = None

    @classmethod
    def of(cls, source) -> LoadOptions:
        return cls(source.locality_option, source.year_option)

    def source_fields(self) -> dict:
        return {"locality_option": self.locality, "year_option": self.year}


@dataclass
class Parse:
    file: FileParse
    options: LoadOptions = field(default_factory=LoadOptions)
    curation: Curation = field(default_factory=Curation)

    @property
    def parsed(self) -> ParsedMinutes:
        return self.file.parsed

    @cached_property
    def locality(self) -> str:
        """--locality first, then what the text names."""
        return self.options.locality or self.parsed.meeting.locality or ""

    @cached_property
    def participants(self) -> list[tuple[int, ParsedParticipant]]:
        """(order, participant) to write: the parse's, less what curators replaced or removed."""
        return self.curation.participants(self.parsed)

    @cached_property
    def agenda_items(self) -> list[tuple[int, ParsedAgendaItem]]:
        return self.curation.agenda_items(self.parsed)
