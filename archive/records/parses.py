"""One parse on its way into rows: the file, the options it was loaded with, what curators decided."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from ..parsing import ParsedMinutes
from ..parsing.files import FileParse
from ..parsing.result import ParsedAgendaItem, ParsedParticipant
from .curation import Curation


@dataclass(frozen=True)
class LoadOptions:
    """What load_minutes was told (--locality, --year, and what --locality-map gave this file),
    and what the file said besides its text (the locality its metadata names, its publication
    date). Stored with the source, so that a re-parse reads the text as the load did."""

    locality: str = ""
    year: int | None = None
    map_locality: str = ""
    site_locality: str = ""
    published: datetime.date | None = None

    @classmethod
    def of(cls, source) -> LoadOptions:
        return cls(
            source.locality_option,
            source.year_option,
            getattr(source, "locality_map_option", ""),
            getattr(source, "site_locality", ""),
            getattr(source, "published", None),
        )

    def source_fields(self) -> dict:
        return {
            "locality_option": self.locality,
            "year_option": self.year,
            "locality_map_option": self.map_locality,
            "site_locality": self.site_locality,
            "published": self.published,
        }


@dataclass
class Parse:
    file: FileParse
    options: LoadOptions = field(default_factory=LoadOptions)
    curation: Curation = field(default_factory=Curation)
    # What else names the place: the stored source's site and title, on a re-parse.
    context: str = ""

    @property
    def parsed(self) -> ParsedMinutes:
        return self.file.parsed

    @cached_property
    def locality(self) -> str:
        """What the text names first (it is about its own meeting), then what --locality-map gives
        for the file's site or folder, then what the page's metadata names, then --locality
        (README, "Loading minutes")."""
        return self.locality_decision[0]

    @cached_property
    def locality_decision(self) -> tuple[str, str]:
        """(locality, the rule that decided it: option | map | text | site | '')."""
        for value, rule in (
            (self.parsed.meeting.locality, "text"),
            (self.options.map_locality, "map"),
            (self.options.site_locality, "site"),
            (self.options.locality, "option"),
        ):
            if value:
                return value, rule
        return "", ""

    @cached_property
    def division(self):
        """The locality resolved to a GB/T 2260 division (archive.divisions), with this file's
        context: --locality, the site's name and title, the text."""
        from .places import division_of

        return division_of(self)

    @property
    def place(self) -> tuple[str, int | None]:
        """Where this meeting's people serve, as officials are keyed: (locality, division id)."""
        return self.locality, self.division.division_id

    @cached_property
    def participants(self) -> list[tuple[int, ParsedParticipant]]:
        """(order, participant) to write: the parse's, less what curators replaced or removed."""
        return self.curation.participants(self.parsed)

    @cached_property
    def agenda_items(self) -> list[tuple[int, ParsedAgendaItem]]:
        return self.curation.agenda_items(self.parsed)
