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
_CLAUSE_BEFORE_LIST = re.compile(r"主持|召开|举行|会议")
# Words in a counted list that stand for people not named one by one.
_UNNAMED_MEMBERS = re.compile(r"委员|常委|组成人员|成员|代表|等|同志|干部|负责人")
# A dated sentence that convenes a meeting: several on one page are a chronicle or a digest.
_CONVENING = re.compile(r"(?:召开|举行)[^。；;\n]{0,40}?会议")
# Requirements numbered in the text (LABELLING.md A5: not agenda items), which a reader may take for items.
_REQUIREMENT_LIST = re.compile(r"一是[^。]{2,}?二是|一要[^。]{2,}?二要")
_LONG_AGENDA = 8
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


# A report that dates itself only so (LABELLING.md: 日前 → all null; Clarifications: 今天, 昨天).
_UNDATED = re.compile(r"日前|近日|近期|今天|今日|昨天|昨日|当天")


def doubts(warnings: list[ParseWarning], text: str, opening: str) -> list[ParseWarning]:
    """The warnings that doubt the reading, less the gaps of a report read completely: no year
    (half of all reports give none), no date where the report says only 日前 or 今天, no chair
    where nobody is said to 主持 (LABELLING.md: chair null). A curator still fills those gaps
    (the archive's queue keeps them); a flag on each would say nothing about what was read."""
    gaps = {WarningKind.YEAR_MISSING, WarningKind.YEAR_FROM_PUBLICATION_DATE}
    if _UNDATED.search(opening):  # the text up to the end of its lead
        gaps.add(WarningKind.DATE_MISSING)
    if "主持" not in text:
        gaps.add(WarningKind.CHAIR_MISSING)
    return [w for w in warnings if w.kind not in gaps and w.is_review_reason]


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
    if "共" not in text:  # the pattern needs it, and tries 300 characters back from every character
        return None
    for m in _COUNTED_LIST.finditer(text):
        said = _number(m.group("n"))
        start, end = m.start("list"), m.end("list")
        clause = _CLAUSE_BEFORE_LIST.split(m.group("list"))[-1]  # the list starts after the last verb
        start = end - len(clause)
        named = {p.name for p in participants if start <= p.start < end and p.role in ("attendee", "observer")}
        if said is None or not named:
            continue
        everyone_named = not _UNNAMED_MEMBERS.search(clause)
        if len(named) > said or (everyone_named and len(named) != said):
            return ParseWarning(
                WarningKind.NAMES_COUNT_MISMATCH,
                f"the text counts {said} people in a list; {len(named)} names were found",
            )
    return None


def _several_meetings(paragraphs: list[str]) -> ParseWarning | None:
    """A chronicle or digest: more than one paragraph dates and convenes a meeting."""
    # The convening words first: a literal scan, where the date's pattern is tried at every character.
    dated = [p for p in paragraphs if _CONVENING.search(p) and DATE_RE.search(p)]
    if len(dated) > 1:
        return ParseWarning(WarningKind.SEVERAL_MEETINGS, f"{len(dated)} paragraphs each report a meeting")
    return None


def _agenda_doubt(text: str, agenda: list[ParsedAgendaItem], agenda_count: int) -> ParseWarning | None:
    """Where careful readers count differently: requirement lists (一是…二是, A5: not items) beside
    the items, and long agendas, where a follow-up or a summary counted again (A4) goes unseen."""
    if agenda and _REQUIREMENT_LIST.search(text):
        return ParseWarning(
            WarningKind.UNCERTAIN_AGENDA, "the text numbers requirements (一是…二是) beside its items: check the agenda"
        )
    if agenda_count >= _LONG_AGENDA:
        return ParseWarning(WarningKind.UNCERTAIN_AGENDA, f"{agenda_count} agenda items: check none is counted twice")
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
