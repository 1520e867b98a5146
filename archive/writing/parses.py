"""One parse on its way into rows: the file, the options it was loaded with, what curators decided."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from ..parsing import ParsedMinutes, meeting_place
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
    title: str = ""
    site: str = ""

    @property
    def meta_title(self) -> str:
        """The document's title: a page's headline, a Word or PDF file's title property."""
        meta = getattr(self.file.source, "meta", None)
        return meta.title if meta is not None else self.title

    @property
    def meta_site(self) -> str:
        meta = getattr(self.file.source, "meta", None)
        return meta.site if meta is not None else self.site

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
        """(locality, the rule that decided it: text | headline | title | chair | map | site |
        option | ''). What the document says of its own meeting comes first: the meeting
        sentence, its headline, its title, its chair's title (archive.parsing.meeting_place)."""
        document_place, document_rule = meeting_place.meeting_place(self.parsed, self.meta_title)
        for value, rule in (
            (self.parsed.meeting.locality, "text"),
            (document_place, document_rule),
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
        """Where this meeting's people serve, as officials are keyed: (locality, division id); a
        curator's locality and division when they set them (a re-parse keeps them)."""
        if self.curation.place is not None:
            return self.curation.place
        return self.locality, self.division.division_id

    @property
    def place_unknown(self) -> bool:
        """No locality at all, or a shared name (朝阳区) no context decided: nobody here is linked
        to an official automatically (README, "Officials over time")."""
        locality, division_id = self.place
        return not locality or (division_id is None and self.curation.place is None and self.division.ambiguous)

    def candidate_places(self) -> list[str]:
        """The places the headline, title, chair's title, site and lead suggest (``no-locality``)."""
        return [c.name for c in meeting_place.candidate_places(self.parsed, self.meta_title, self.meta_site)]

    @cached_property
    def participants(self) -> list[tuple[int, ParsedParticipant]]:
        """(order, participant) to write: the parse's, less what curators replaced or removed."""
        return self.curation.participants(self.parsed)

    @cached_property
    def agenda_items(self) -> list[tuple[int, ParsedAgendaItem]]:
        return self.curation.agenda_items(self.parsed)
