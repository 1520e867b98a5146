"""Where the parser doubts its own reading: warnings a curator should act on.

A flag is worth its cost only when it is right: it marks structures where the parser's rules are
known to disagree with a careful reader, not every report that is merely short of facts (a
report that names no year, or no chair because nobody is said to 主持, is read completely). Each
check returns a ParseWarning whose kind is a review reason (``archive.parsing.result``).
"""

from __future__ import annotations

import re

from .dates import DATE_RE
from .result import ParsedAgendaItem, ParsedParticipant, ParseWarning, WarningKind

# '副主任甲、乙和委员共20人出席会议', '组成人员共27人出席': a count of the people in a list.
_COUNTED_LIST = re.compile(
    r"(?P<list>[^。；;\n]{2,300}?)共(?:有)?(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:人|名|位)(?:[^。；;\n]{0,4})?"
    r"(?:出席|参加|列席|到会)"
)
# Words in a counted list that stand for people not named one by one.
_UNNAMED_MEMBERS = re.compile(r"委员|常委|组成人员|成员|代表|等|同志|干部|负责人")
# A dated sentence that convenes a meeting: several on one page are a chronicle or a digest.
_CONVENING = re.compile(r"(?:召开|举行)[^。；;\n]{0,40}?会议")
# Personnel business is counted per motion or as one (LABELLING.md, Clarifications): either may be right.
_PERSONNEL = re.compile(r"任免|人事|任命|免去|辞去|辞职|选举|补选|表决通过.{0,10}名单")
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def review_warnings(
    text: str,
    paragraphs: list[str],
    participants: list[ParsedParticipant],
    agenda: list[ParsedAgendaItem],
    agenda_count: int,
) -> list[ParseWarning]:
    """The doubts of one parse, in a stable order."""
    found = [
        _chair_doubt(text, participants),
        _count_mismatch(text, participants),
        _several_meetings(paragraphs),
        _agenda_doubt(text, agenda, agenda_count),
    ]
    return [w for w in found if w is not None]


def _chair_doubt(text: str, participants: list[ParsedParticipant]) -> ParseWarning | None:
    chairs = list(dict.fromkeys(p.name for p in participants if p.role == "chair"))
    if len(chairs) > 1:
        return ParseWarning(WarningKind.UNCERTAIN_CHAIR, f"several people are said to chair: {'、'.join(chairs)}")
    return None


def _count_mismatch(text: str, participants: list[ParsedParticipant]) -> ParseWarning | None:
    """'共N人出席' against the names found in that list: more names than N is always wrong; fewer
    is wrong only when the list names everyone (no 委员/成员/等 standing for others)."""
    for m in _COUNTED_LIST.finditer(text):
        said = _number(m.group("n"))
        start, end = m.start("list"), m.end("list")
        named = {p.name for p in participants if start <= p.start < end and p.role in ("attendee", "observer")}
        if said is None or not named:
            continue
        everyone_named = not _UNNAMED_MEMBERS.search(m.group("list"))
        if len(named) > said or (everyone_named and len(named) != said):
            return ParseWarning(
                WarningKind.NAMES_COUNT_MISMATCH,
                f"the text counts {said} people in a list; {len(named)} names were found",
            )
    return None


def _several_meetings(paragraphs: list[str]) -> ParseWarning | None:
    """A chronicle or digest: more than one paragraph dates and convenes a meeting."""
    dated = [p for p in paragraphs if DATE_RE.search(p) and _CONVENING.search(p)]
    if len(dated) > 1:
        return ParseWarning(WarningKind.SEVERAL_MEETINGS, f"{len(dated)} paragraphs each report a meeting")
    return None


def _agenda_doubt(text: str, agenda: list[ParsedAgendaItem], agenda_count: int) -> ParseWarning | None:
    if agenda and _PERSONNEL.search(text):
        return ParseWarning(
            WarningKind.UNCERTAIN_AGENDA,
            "personnel business may be counted per motion or as one item: check the agenda",
        )
    return None


def _number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    if written == "十":
        return 10
    if "十" in written:
        tens, _, units = written.partition("十")
        return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(units, 0) if tens or units else 10
    return _CHINESE_DIGITS.get(written)
