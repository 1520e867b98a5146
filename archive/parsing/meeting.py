"""The kind of meeting (body), its session number and the locality named before it.

A body is what the minutes call the meeting, without place names, term and session numbers
(`LABELLING.md`: 惠安县第十八届人大常委会第二十七次会议 → 县人大常委会会议, session 27).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import CN_NUMERAL, to_int
from .names import split_titled_name

LEVEL = r"(?:自治区|自治州|自治县|省|市|区|县|旗|州|镇|乡|街道)"
ORGAN = (
    r"(?:委常委会|委|人民政府|政府|人民代表大会常务委员会|人民代表大会|人大常委会|人大|政协|纪委|监委|党工委|工委|党委|党代表大会"
    r"|管委会|长办公|长)"
)
_ORGAN_START = re.compile(rf"{LEVEL}{ORGAN}")
_STOP = r"，。；,;:：“”\"\s、"
_MEETING_NOUN = r"(?:会议[(（]扩大[)）]|会议|会)"
_CONVENED = re.compile(rf"(?:召开|举行)(?:了)?(?P<m>[^{_STOP}]{{0,40}}?{_MEETING_NOUN})(?=[{_STOP}]|并|$)")
# A name may quote a term of its own (村“两委”换届选举工作会议, “大工委”联席会议), its quotes closed.
_CONVENED_QUOTING = re.compile(
    rf"(?:召开|举行)(?:了)?(?P<m>[^{_STOP.replace('“”', '')}]{{0,40}}?“[^{_STOP}]{{1,10}}”"
    rf"[^{_STOP}]{{0,30}}?{_MEETING_NOUN})(?=[{_STOP}]|并|$)"
)
_ALSO_CONVENED = re.compile(rf"、[^{_STOP}]{{1,16}}?会议(?=[{_STOP}]|$)")
_NAMED_FIRST = re.compile(rf"(?P<m>[^{_STOP}]{{2,40}}?{_MEETING_NOUN})(?:在[^{_STOP}]{{1,20}})?(?:召开|举行|开幕|闭幕)")
_ANY = re.compile(rf"(?P<m>{LEVEL}{ORGAN}[^{_STOP}]{{0,30}}?(?:会议|会))(?=纪要|[{_STOP}]|$)")
# A study session of a theory study group (中心组), named by what the group did.
_STUDY = re.compile(
    rf"(?P<group>{LEVEL}{ORGAN}[^{_STOP}]{{0,10}}?中心组(?:[(（]扩大[)）])?)(?:开展|举行|进行|召开)?了?"
    r"(?P<activity>(?:扩大)?(?:视频)?(?:集体|专题|集中)?学习(?:研讨|交流)?(?:会议|会)?)"
)
_NUMBER = rf"(?:\d{{1,4}}|[{CN_NUMERAL}]{{1,6}}|\*{{1,4}})"
# Term (届) and session (次) numbers, written with or without 第: 十四届三十五次, 第十九届第二次, 108次.
_TERM = re.compile(rf"第?{_NUMBER}\s*届")
_SESSION = re.compile(rf"第?\s*(?P<n>{_NUMBER})\s*次")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?|[〇零一二三四五六七八九]{4}年(?:度)?")
_MEETING_WORD = re.compile(r"会议|会$")
_CONNECTOR = re.compile(r"暨|和|及|、")
_RELATIVE_DAY = re.compile(r"(?:今天|今日|昨天|昨日|当天|日前|近日)(?:上午|下午|晚上)?")
_DATE_PREFIX = re.compile(r"^.*?[日号](?:上午|下午|晚上)?")
_PARENS = re.compile(r"[(（]([^()（）]{1,6})[)）]")
# Whose meeting a bare name is: the organ in the chair's post ('市人大常委会党组书记X主持召开党组会议').
_BARE = re.compile(r"^(?:党组|主任(?:扩大)?会议|主席(?:扩大)?会议|常委会|专题|秘书长会议|主席团)")
# What a meeting's name never holds: the verbs of the sentence around it ('县委书记某主持会议').
_NOT_IN_BODY = re.compile(r"主持|出席|列席|参加")
_ORGAN_WITHOUT_LEVEL = re.compile(r"^(?:人大常委会|人民代表大会|政府|人大|政协|党工委|党委|纪委|监委)")
_CONVENED_BY_PERSON = re.compile(r"主持(?:召开|举行)?$")

# Formal names put the place inside: 政协竹山县第十届委员会 is 竹山县政协, 中国共产党某旗委员会 某旗委.
_PLACE = r"(?P<place>[^，。；\s]{1,10}?(?:自治县|自治州|县|区|市|州|旗|镇|乡|街道))"
_FORMAL_NAMES = (
    (re.compile(rf"^(?:中国人民政治协商会议|政协){_PLACE}委员会"), "政协"),
    (re.compile(rf"^(?:中国共产党|中共){_PLACE}委员会"), "委"),
    (re.compile(rf"^(?:中国共产党|中共){_PLACE}(?=代表大会)"), "党"),
)
# 自治县 and 自治州 are named by their level word (LABELLING.md: 自治县人大常委会 → 县人大常委会).
_AUTONOMOUS = re.compile(r"^自治(?=[县州])")
# '全县安全生产工作会议': the whole of the place is not part of the meeting's name (Clarifications).
_WHOLE_PLACE = re.compile(r"全(?:县|区|市|镇|乡|旗|州|街道)(?=.)")
# Units whose own name opens the sentence that convenes a meeting of theirs: 东湖街道召开民主议政会.
_SMALL_CONVENER = re.compile(r"(?P<level>街道|镇|乡)$")
# Written form → normalised form, applied in order (LABELLING.md, "Body").
_NORMALISED_WORDS = (
    ("人民代表大会常务委员会", "人大常委会"),
    ("常务委员会", "常委会"),
    ("人民政府", "政府"),
    ("政协委员会", "政协"),
)
# A meeting called by a short name ending in 会: the 会议 it stands for.
_SHORT_ENDINGS = {
    "常务会": "常务会议",
    "办公会": "办公会议",
    "常委会": "常委会会议",
    "扩大会": "扩大会议",
    "主任会": "主任会议",
    "主席会": "主席会议",
    "党组会": "党组会议",
}


@dataclass(frozen=True)
class Body:
    body: str
    session_number: int | None
    locality: str | None
    # A year written in the meeting's own name ('2020年中心组第七次学习会议').
    year: int | None = None


def find_body(text: str) -> Body | None:
    """The meeting named in ``text`` (a lead paragraph or a headline)."""
    name = _named(text)
    if name is None:
        return None
    body = _normalise(name)
    if not re.match(LEVEL, body.body) and (owner := _owner(body.body, text)):
        return Body(owner + body.body, body.session_number, body.locality, body.year)
    return body


def _named(text: str) -> str | None:
    """The meeting's name as written, with the organ that convened it when that is not a person."""
    m = _CONVENED.search(text) or _CONVENED_QUOTING.search(text)
    if m:
        clause = re.split(rf"[{_STOP}]", text[: m.start()])[-1]
        name = m.group("m")
        also = _ALSO_CONVENED.match(text, m.end())
        if also:  # '召开党组会议、主席会议': combined meetings keep their connector as written
            name += also.group()
        if not _ORGAN_START.search(_without_numbers(name)) and not _CONVENED_BY_PERSON.search(clause):
            subject = _subject(clause, organ_follows=bool(_ORGAN_WITHOUT_LEVEL.match(_without_numbers(name))))
            if not subject and not re.match(LEVEL, _without_numbers(name)):
                convener = _SMALL_CONVENER.search(_DATE_PREFIX.sub("", clause))
                subject = convener.group("level") if convener else ""
            name = _joined(subject, name)
        return name
    m = _NAMED_FIRST.search(text)
    if m:
        return m.group("m")
    m = _STUDY.search(text)
    if m:  # '区委理论学习中心组开展集体学习研讨': the group and what it did
        return m.group("group") + m.group("activity")
    m = _ANY.search(text)
    return m.group("m") if m and not _NOT_IN_BODY.search(m.group("m")) else None


def _joined(subject: str, name: str) -> str:
    """'镇党委' + '党委会议' → '镇党委会议': the organ is not named twice."""
    for size in range(min(len(subject), len(name)), 1, -1):
        if subject.endswith(name[:size]):
            return subject + name[size:]
    return subject + name


def _subject(clause: str, organ_follows: bool = False) -> str:
    """The organ that convened ('区委常委会召开扩大会议', '市政协十四届一次会议主席团举行第三次会议')."""
    clause = _DATE_PREFIX.sub("", clause) if re.search(r"[日号]", clause) else clause
    clause = _RELATIVE_DAY.sub("", clause)  # '市人大常委会昨天举行主任会议
    clause = re.sub(r"(?:于|在)[^于在]{0,20}$", "", clause)
    clause = re.sub(r"(?<!党)组织$", "", clause)  # '…在某中心组织召开', not a 党组织
    if _is_titled_person(clause):  # '区委书记周某某在某中心召开…': a person convened, not an organ
        return ""
    if _ORGAN_START.search(_without_numbers(clause)):
        return clause
    # '洪绪镇在会议室召开第二十届人民代表大会…': the place alone, before an organ without level.
    return clause if organ_follows and re.search(rf"{LEVEL}$", clause) else ""


def _is_titled_person(clause: str) -> bool:
    split = split_titled_name(clause)
    return bool(split and split[0] and not split[2])


def _owner(body: str, text: str) -> str | None:
    """The organ a bare name belongs to, from the post of the person who convened or chaired it;
    for an organ named without its level ('第十七届人大常委会第42次主任会议'), that level."""
    organ_only = _ORGAN_WITHOUT_LEVEL.match(body)
    if organ_only:
        level = re.search(rf"{LEVEL}(?={organ_only.group()})", text)
        return level.group() if level else None
    if not _BARE.match(body):
        return None
    chaired = re.search(r"[^。；;]*?主持", text)
    organ = _ORGAN_START.search(_without_numbers(chaired.group())) if chaired else None
    if not organ:
        return None
    owner = organ.group()
    if owner.endswith("常委会") and body.startswith("常委会"):
        owner = owner[: -len("常委会")]
    return _normalised_words(owner)


def _without_numbers(name: str) -> str:
    return _YEAR.sub("", _TERM.sub("", _SESSION.sub("", name)))


def session_number(name: str) -> int | None:
    """The number of this meeting: the 次 whose meeting word is the last one of its part
    ('第五次会议第四次主席团会议' → 4; '四次会议秘书长会议' → None)."""
    found = None
    for part in _CONNECTOR.split(name):
        for m in _SESSION.finditer(part):
            if len(_MEETING_WORD.findall(part[m.end() :])) <= 1:
                number = to_int(m.group("n"))
                found = found if found is not None else number
    return found


def _normalise(name: str) -> Body:
    session = session_number(name)
    year = _YEAR.search(name)
    name = _without_numbers(name).replace(" ", "")
    for formal, organ in _FORMAL_NAMES:
        name = formal.sub(lambda m, organ=organ: m.group("place") + organ, name)
    name = _WHOLE_PLACE.sub("", name)
    name = re.sub(r"会议[(（]扩大[)）]$", "扩大会议", name)
    name = _PARENS.sub(r"\1", name)
    name = _normalised_words(name)
    for short, full in _SHORT_ENDINGS.items():
        if name.endswith(short):
            name = name[: -len(short)] + full
    name = name[1:] if name.startswith("了") else name
    locality = None
    organ = _ORGAN_START.search(name)
    if organ and organ.start() > 0:
        level = re.match(LEVEL, name[organ.start() :]).group()
        locality = re.sub(r"^(?:中共|中国共产党)", "", name[: organ.start() + len(level)])
        name = name[organ.start() :]
    locality = locality if locality and len(locality) >= 2 else None
    name = _AUTONOMOUS.sub("", name)
    return Body(name, session, locality, int(year.group()[:4]) if year and year.group()[0].isdigit() else None)


def _normalised_words(name: str) -> str:
    for written, normal in _NORMALISED_WORDS:
        name = name.replace(written, normal)
    return name
