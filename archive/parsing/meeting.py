"""The kind of meeting (body), its session number and the locality named before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import CN_NUMERAL, to_int

LEVEL = r"(?:自治区|自治州|自治县|省|市|区|县|旗|州|镇|乡|街道)"
ORGAN = r"(?:委常委会|委|政府|人民政府|人大常委会|人大|政协|纪委|监委|党工委|工委|党委|管委会|长办公|长)"
_ORGAN_START = re.compile(rf"{LEVEL}{ORGAN}")
_STOP = r"，。；,;:：“”\"\s、"
_CONVENED = re.compile(
    rf"(?:召开|举行)(?:了)?(?P<m>[^{_STOP}]{{0,40}}?(?:会议[(（]扩大[)）]|会议|会))(?=[{_STOP}]|并|$)"
)
_SUBJECT = re.compile(rf"(?P<s>[^{_STOP}]{{2,30}}?)(?:于[^{_STOP}]{{0,12}})?(?:在[^{_STOP}]{{0,20}})?(?:召开|举行)")
_NAMED_FIRST = re.compile(rf"(?P<m>[^{_STOP}]{{2,40}}?会议)(?:在[^{_STOP}]{{1,20}})?(?:召开|举行)")
_ANY = re.compile(rf"(?P<m>{LEVEL}{ORGAN}[^{_STOP}]{{0,30}}?(?:会议|会))(?=[{_STOP}]|$)")
_SESSION = re.compile(rf"第\s*(\d{{1,4}}|[{CN_NUMERAL}]{{1,6}})\s*次")
_TERM = re.compile(rf"第?(?:\d{{1,3}}|[{CN_NUMERAL}]{{1,4}})届(?:(?:\d{{1,3}}|[{CN_NUMERAL}]{{1,4}})次)?")
_YEAR = re.compile(r"(?:19|20)\d{2}年(?:度)?|[〇零一二三四五六七八九]{4}年(?:度)?")
_EXPANDED = re.compile(r"[(（]扩大[)）]")
_DATE_PREFIX = re.compile(r"^.*?[日号](?:上午|下午|晚上)?")
_EXPANDED_AFTER = re.compile(r"会议[(（]扩大[)）]$")
# An organ named without its level ('第十七届人大常委会第42次主任会议'): the level is in a title nearby.
_BARE_ORGAN = re.compile(r"^(?:人大常委会|人民政府|人大|政协|政府|党工委|党委|纪委|监委)")


@dataclass(frozen=True)
class Body:
    body: str
    session_number: int | None
    locality: str | None


def find_body(text: str) -> Body | None:
    """The meeting named in ``text`` (the lead paragraph first, then the headline)."""
    body = _named_body(text)
    organ = _BARE_ORGAN.match(body.body) if body and not re.match(LEVEL, body.body) else None
    if organ:
        level = re.search(rf"{LEVEL}(?={organ.group()})", text)
        if level:
            return Body(level.group() + body.body, body.session_number, body.locality)
    return body


def _named_body(text: str) -> Body | None:
    m = _CONVENED.search(text)
    if m:
        name = m.group("m")
        if not _ORGAN_START.search(_without_numbers(name)):
            subject = _subject_before(text, m.start())
            if subject:
                name = subject + name
        return _normalise(name)
    for pattern in (_NAMED_FIRST, _ANY):
        m = pattern.search(text)
        if m:
            return _normalise(m.group("m"))
    return None


def _subject_before(text: str, at: int) -> str | None:
    """The organ that convened ('区委常委会召开扩大会议'); None when a person did ('X主持召开')."""
    clause = re.split(rf"[{_STOP}]", text[:at])[-1]
    if re.search(r"主持$", clause):
        return None
    clause = _DATE_PREFIX.sub("", clause) if re.search(r"[日号]", clause) else clause
    organ = _ORGAN_START.search(clause)
    if not organ:
        return None
    return clause[: _organ_end(clause)]


def _organ_end(clause: str) -> int:
    """End of the organ named at the end of the subject ('柯桥区委常委会' -> whole)."""
    m = re.search(rf"{LEVEL}{ORGAN}(?:党组|常委会|常务委员会|主任|主席|办公)?", clause)
    return m.end() if m else len(clause)


def _without_numbers(name: str) -> str:
    return _YEAR.sub("", _TERM.sub("", _SESSION.sub("", name)))


def _normalise(name: str) -> Body:
    session = None
    s = _SESSION.search(name)
    if s:
        session = to_int(s.group(1))
    name = _without_numbers(name)
    name = _EXPANDED_AFTER.sub("扩大会议", name)
    name = _EXPANDED.sub("扩大", name)
    name = name.replace("了", "") if name.startswith("了") else name
    locality = None
    organ = _ORGAN_START.search(name)
    if organ and organ.start() > 0:
        locality = name[: organ.start() + len(re.match(LEVEL, name[organ.start() :]).group())]
        name = name[organ.start() :]
    if locality:
        locality = re.sub(r"^(?:中共|中国共产党)", "", locality)
    return Body(name, session, locality if locality and len(locality) >= 2 else None)
