"""The Resolution value and how it is made."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import divisions
from ..intake import Metadata
from ..parsing import LoadOptions, LocalityRule, ParsedMinutes
from ..review import ReasonKind, ReviewReason, no_locality
from .places import candidates_of, context_of, division_of, locality_of, year_of


@dataclass(frozen=True)
class Resolution:
    locality: str = ""
    # Which rule decided the locality.
    locality_rule: LocalityRule = LocalityRule.NONE
    division: divisions.Resolution = field(default_factory=lambda: divisions.Resolution(None))
    # Where no locality was found: the places the document suggests, for a curator (no-locality).
    candidates: tuple[str, ...] = ()

    @property
    def division_id(self) -> int | None:
        return self.division.division_id

    @property
    def place(self) -> tuple[str, int | None]:
        """Where the meeting's people serve, as officials are keyed: (locality, division id)."""
        return self.locality, self.division.division_id

    @property
    def unknown(self) -> bool:
        """No locality at all, or a shared name (朝阳区) no context decided: nobody of this meeting
        is linked to an official automatically (README, "Officials over time")."""
        return not self.locality or (self.division.division_id is None and self.division.ambiguous)

    def reasons(self) -> list[ReviewReason]:
        """The review reasons the place gives: ``no-locality`` (with the candidate places) where
        nothing names one, ``ambiguous-division`` for a shared name left undecided."""
        if not self.locality:
            return [no_locality(list(self.candidates))]
        if not self.division.ambiguous:
            return []
        return [ReviewReason(ReasonKind.AMBIGUOUS_DIVISION)]

    def ambiguity(self) -> str:
        """The ambiguity in words, for people ('' when there is none)."""
        if not self.division.ambiguous:
            return ""
        return f"{self.locality} may be {'、'.join(self.division.candidates)}; set the meeting's division"


def resolve(parsed: ParsedMinutes, options: LoadOptions, meta: Metadata | None = None, index=None) -> Resolution:
    """``index``: ``divisions.current_index()``, fetched once for a batch (``resolve_all``)."""
    locality, rule = locality_of(parsed, options, meta)
    candidates = () if locality else candidates_of(parsed, meta)
    division = division_of(locality, context_of(parsed, options, meta), index, year_of(parsed, options))
    return Resolution(locality, rule, division, candidates)


def resolve_all(items: Iterable[tuple[ParsedMinutes, LoadOptions, Metadata | None]]) -> list[Resolution]:
    """Resolve a batch with one look at the division table."""
    items = list(items)
    if not items:
        return []
    index = divisions.current_index()
    return [resolve(parsed, options, meta, index) for parsed, options, meta in items]
