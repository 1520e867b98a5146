"""What a run was told about a document besides its text, stored with its source so that a
re-parse reads the text as the load did. Plain data, no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


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
