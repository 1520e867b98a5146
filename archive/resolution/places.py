"""A parse's place: its locality (and the rule that decided it) and that locality as a GB/T 2260
division (archive.divisions), read with its context and the meeting's year. A shared name (朝阳区) the context does not
decide is ambiguous: the resolution then gives the review reason ``ambiguous-division``."""

from __future__ import annotations

from .. import divisions
from ..intake import Metadata
from ..parsing import LoadOptions, LocalityRule, ParsedMinutes, meeting_place

CONTEXT_CHARS = 3000


def locality_of(parsed: ParsedMinutes, options: LoadOptions, meta: Metadata | None = None) -> tuple[str, LocalityRule]:
    """(locality, the rule that decided it: text | headline | title | chair | map | site | option |
    ''). What the document says of its own meeting first: the meeting sentence, its headline, its
    title, its chair's title (archive.parsing.meeting_place); then what --locality-map gives for
    the file's site or folder, then what the page's metadata names, then --locality (README,
    "Loading minutes")."""
    document_place, document_rule = meeting_place.meeting_place(parsed, meta.title if meta is not None else "")
    for value, rule in (
        (parsed.meeting.locality, LocalityRule.TEXT),
        (document_place, LocalityRule(document_rule) if document_place else LocalityRule.NONE),
        (options.map_locality, LocalityRule.MAP),
        (options.site_locality, LocalityRule.SITE),
        (options.locality, LocalityRule.OPTION),
    ):
        if value:
            return value, rule
    return "", LocalityRule.NONE


def context_of(parsed: ParsedMinutes, options: LoadOptions, meta: Metadata | None = None) -> str:
    """What else names the place: the options, the site's name and the title, the text."""
    parts = [options.locality, options.map_locality, options.site_locality]
    if meta is not None:
        parts += [meta.site, meta.title]
    parts.append(parsed.text[:CONTEXT_CHARS])
    return " ".join(p for p in parts if p)


def division_of(locality: str, context: str, index=None, year: int | None = None) -> divisions.Resolution:
    return divisions.resolve(locality, context, index, year)


def year_of(parsed: ParsedMinutes, options: LoadOptions) -> int | None:
    """The meeting's year, as the load takes it: its text's, --year, its page's publication date.
    A name is read as the division it named that year (绍兴县 before 2013, 柯桥区 after)."""
    if parsed.meeting.year:
        return parsed.meeting.year
    if options.year:
        return options.year
    return options.published.year if options.published else None


def candidates_of(parsed: ParsedMinutes, meta: Metadata | None = None) -> tuple[str, ...]:
    """The places the headline, title, chair's title, site and lead suggest (``no-locality``)."""
    title, site = (meta.title, meta.site) if meta is not None else ("", "")
    return tuple(dict.fromkeys(c.name for c in meeting_place.candidate_places(parsed, title, site)))
