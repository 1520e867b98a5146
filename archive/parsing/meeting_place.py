"""Where a meeting was held, from every line that can say so (issue 20, "Locality").

The meeting sentence often names no place (`县政府召开第12次常务会议`); the headline, the Word,
PDF or page title, the chair's title (`安吉县县长甲某主持`) or the publishing site does. A
candidate counts as a place only when it is a GB/T 2260 division's name: the names come from
the code table the project ships (``archive.intake.division_table``; former names such as 绍兴县 too),
read here as plain data, so this module needs no database and runs in parse workers.

``meeting_place`` decides, in order of how directly a line speaks of this meeting: the
headline, the document's title, the chair's title. Each decides only when it names one place
(its most specific division: `湖州市安吉县` → 安吉县); two counties in one headline decide nothing.
``candidate_places`` lists every place these lines, the site and the lead suggest, for a curator
when nothing decided (review reason ``no-locality``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..intake.place_names import division_levels, places_named
from .result import ParsedMinutes, Role

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PARAGRAPH = re.compile(r"[^\n]+")
# The suffixes a division's name drops in headlines (安吉县 → 安吉).
_SUFFIX = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|新区|林区|盟|省|市|区|县|旗)$"
)
# How many characters of the text's start are its headline at most, and of the lead read for candidates.
HEADLINE_CHARS = 200
LEAD_CHARS = 300
# Sources, strongest first: the rule names ``archive.models.SourceDocument.LocalityRule`` stores.
DECIDING = ("headline", "title", "chair")


@dataclass(frozen=True)
class Candidate:
    """A place a line suggests: the division's name as the code table has it, and which line."""

    name: str
    source: str  # headline | title | chair | participant | site | text


@lru_cache(maxsize=1)
def _short_names() -> dict[str, tuple[str, ...]]:
    """安吉 → (安吉县,): the names without their suffix, for candidates only (never deciding)."""
    shorts: dict[str, list[str]] = {}
    for name in division_levels():
        short = _SUFFIX.sub("", name)
        if len(short) >= 2 and short != name:
            shorts.setdefault(short, []).append(name)
    return {k: tuple(v) for k, v in shorts.items()}


def one_place(names: list[str]) -> str:
    """The one place a line names: its most specific division, when only one name has that
    level (a county with its city, `湖州市安吉县`); '' when it names none or two of a level."""
    if not names:
        return ""
    levels = division_levels()
    deepest = max(levels[n] for n in names)
    at_deepest = {n for n in names if levels[n] == deepest}
    return at_deepest.pop() if len(at_deepest) == 1 else ""


def headline(parsed: ParsedMinutes) -> str:
    """The lines above the meeting sentence (a headline, a 纪要's heading), at most HEADLINE_CHARS."""
    from .parser import _lead_index

    paragraphs = _PARAGRAPH.findall(parsed.text)
    if not paragraphs:
        return ""
    return "\n".join(paragraphs[: _lead_index(paragraphs)])[:HEADLINE_CHARS]


def chair_titles(parsed: ParsedMinutes) -> list[str]:
    return [t for p in parsed.meeting.participants if p.role == Role.CHAIR for t in p.titles]


def meeting_place(parsed: ParsedMinutes, title: str = "") -> tuple[str, str]:
    """(place, rule) from the headline, the document's ``title`` (a page's, a Word or PDF
    file's), then the chair's title; ('', '') when none of them names exactly one place."""
    for rule, line in (("headline", headline(parsed)), ("title", title), ("chair", "、".join(chair_titles(parsed)))):
        place = one_place(places_named(line or ""))
        if place:
            return place, rule
    return "", ""


def candidate_places(parsed: ParsedMinutes, title: str = "", site: str = "") -> list[Candidate]:
    """Every place the headline, the title, the chair's and others' titles, the site and the
    lead suggest, each once (strongest source first). Short names (`安吉召开…`) in the headline,
    title and site suggest their division too."""
    lines = [
        ("headline", headline(parsed)),
        ("title", title),
        ("chair", "、".join(chair_titles(parsed))),
        ("participant", "、".join(t for p in parsed.meeting.participants for t in p.titles)),
        ("site", site),
        ("text", parsed.text[:LEAD_CHARS]),
    ]
    found: dict[str, str] = {}
    for source, line in lines:
        if not line:
            continue
        for name in places_named(line):
            found.setdefault(name, source)
        if source in ("headline", "title", "site"):
            for short, names in _short_names().items():
                if short in line:
                    for name in names:
                        found.setdefault(name, source)
    return [Candidate(name, source) for name, source in found.items()]
