"""Who took part, in which role, with which posts: read from the clauses around the verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE_RE
from .names import MENTIONED_LEADERS, is_plain_name, is_title, split_titled_name
from .result import ParsedParticipant


@dataclass(frozen=True)
class _Person:
    name: str
    titles: tuple[str, ...]
    start: int


# Words around a list of people that are not part of any name or post.
_LEAD_WORDS = re.compile(
    r"^(?:会议由|由|出席会议的有|参加会议的有|列席会议的有|出席的有|参加的有|列席的有|还有|以及|和|及|同时|此外|另外|"
    r"(?:区|县|市|镇|乡|街道|省)?(?:四套班子|班子)?领导|会上|上午|下午|晚上|[:：])+"
)
_TAIL_WORDS = re.compile(
    r"(?:等(?:[区县市镇乡]|街道)?(?:委|政府|人大|政协|四套班子)?(?:领导)?(?:同志|人)?|同志们|同志"
    r"|分别|先后|也|还|一同|共同|均|一起|应邀|受邀|一并|出席并|参加并)+$"
)
_LOCATION_TAIL = re.compile(r"在[^，,、]{0,25}$")
_GROUP = re.compile(r"[^，,]+")
_TOKEN = re.compile(r"[^、]+")

# Each role: a verb after the list of people (before=True) or a phrase introducing it.
_TRIGGERS_BEFORE = [
    ("chair", re.compile(r"主持(?!人)")),
    ("attendee", re.compile(r"(?<!列席)(?<!应邀)(?:出席|参加)(?!人员)")),
    ("observer", re.compile(r"列席")),
    ("conveyor", re.compile(r"传达(?!学习|贯彻|精神)")),
    ("reporter", re.compile(r"(?:作了?|进行了?)?(?:专题|工作|情况|相关|有关)?汇报")),
    ("speaker", re.compile(r"(?:在会上|在会议上|最后|随后)?(?:作了?)?(?:总结|重要|专题|表态)?(?:讲话|发言)(?!精神)")),
]
_TRIGGERS_AFTER = [
    ("attendee", re.compile(r"(?:出席|参加)(?:会议|本次会议)?的(?:领导|人员|同志)?(?:还)?有[:：]?")),
    ("observer", re.compile(r"列席(?:会议|本次会议)?的(?:领导|人员|同志)?(?:还)?有[:：]?")),
]
_CHAIR_BY = re.compile(r"由([^，,。；;]{2,40}?)(?:同志)?主持")
_HEARD = re.compile(r"听取(?:了)?([^。；;]{2,60}?)(?:同志)?(?:关于|就|对|所作|作的|的)")
# "X在讲话中强调", "X在会上指出", "X就下一步工作提出要求": someone at the meeting spoke.
_SPOKE = re.compile(
    r"^(?:会上|最后|随后)?[，,]?(?P<who>[^，,。；;在就]{2,40}?)"
    r"(?:在(?:总结)?讲话(?:中|时)|在会上|在会议上|在会议结束时|就[^，,。；;]{1,40}?)(?:强调|指出|要求|表示|提出)"
)
# Formal minutes (纪要) list people on labelled lines: "出席：A、B", "列席：区财政局 C；区审计局 D", "主持：A".
_LABELLED = re.compile(
    r"^(?P<label>主持人?|(?:出席|参加)(?:会议)?(?:人员|领导)?|参会(?:人员|领导)|列席(?:会议)?(?:人员|单位)?)"
    r"\s*[:：]\s*(?P<list>.+)$",
    re.M,
)
_LABEL_ROLES = {"主持": "chair", "出席": "attendee", "参加": "attendee", "参会": "attendee", "列席": "observer"}
_LIST_ENTRY = re.compile(r"[^、，,；;]+")
_DISCUSSION = re.compile(r"^(?:会议|会上)?(?:指出|强调|要求|认为|提出|号召|希望)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def find_participants(text: str, lead: tuple[int, int]) -> list[ParsedParticipant]:
    """All participants in order of mention; the chair only from the lead paragraph or 由X主持."""
    found: list[ParsedParticipant] = []
    seen: set[tuple[str, str]] = set()

    def add(role: str, people: list[_Person]):
        for person in people:
            key = (person.name, role)
            if key in seen or person.name in MENTIONED_LEADERS:
                continue
            seen.add(key)
            found.append(
                ParsedParticipant(person.name, role, person.titles, person.start, person.start + len(person.name))
            )

    for m in _SENTENCE.finditer(text):
        sentence, offset = m.group(), m.start()
        if _DISCUSSION.match(sentence.strip()):
            continue
        in_lead = lead[0] <= offset < lead[1]
        for by in _CHAIR_BY.finditer(sentence):
            add("chair", _parse_group(by.group(1), offset + by.start(1)) or [])
        for role, trigger in _TRIGGERS_BEFORE:
            if role == "chair" and not in_lead:
                continue
            for hit in trigger.finditer(sentence):
                add(role, _people_before(sentence, hit.start(), offset, role))
        for role, trigger in _TRIGGERS_AFTER:
            for hit in trigger.finditer(sentence):
                add(role, _people_after(sentence, hit.end(), offset))
        spoke = _SPOKE.match(sentence.strip())
        if spoke:
            at = offset + len(sentence) - len(sentence.lstrip()) + spoke.start("who")
            add("speaker", _parse_group(spoke.group("who"), at) or [])
        for heard in _HEARD.finditer(sentence):
            if re.search(r"汇报|报告|说明|情况", sentence[heard.end() :]):
                add("reporter", _parse_group(heard.group(1), offset + heard.start(1)) or [])
    for line in _LABELLED.finditer(text):
        add(_LABEL_ROLES[line.group("label")[:2]], _labelled_list(line.group("list"), line.start("list")))
    chairs = {p.name for p in found if p.role == "chair"}
    found = [p for p in found if not (p.role == "speaker" and p.name in chairs)]
    return sorted(found, key=lambda p: (p.start, p.role))


def _people_before(sentence: str, verb_at: int, offset: int, role: str) -> list[_Person]:
    left = sentence[:verb_at]
    if role == "speaker" and re.search(r"主持(?:会议)?并$", left):
        return []  # 主持并讲话: the chair, who is not also listed as a speaker
    groups = list(_GROUP.finditer(left))
    people: list[_Person] = []
    for index, g in enumerate(reversed(groups)):
        group = g.group()
        if index == 0:
            group = _TAIL_WORDS.sub("", group)
            if role == "speaker":
                group = re.sub(r"(?:出席|参加)(?:会议)?并$", "", group)
            group = _LOCATION_TAIL.sub("", group)
            group = _TAIL_WORDS.sub("", group)
        parsed = _parse_group(group, offset + g.start())
        if not parsed:
            break
        people[:0] = parsed
        if role == "chair":
            break
    return people


def _labelled_list(listed: str, offset: int) -> list[_Person]:
    """'区政府办公室 林晓峰；区财政局 廖敏': a unit or post, a space, the name; units alone are skipped."""
    people = []
    for entry in _LIST_ENTRY.finditer(listed):
        parts = _TAIL_WORDS.sub("", entry.group().strip()).split()
        split = split_titled_name(parts[-1]) if parts else None
        if split is None:
            continue
        prefix, name, suffix = split
        titles = tuple(parts[:-1] + [x for x in (prefix, suffix) if x])
        people.append(_Person(name, titles, offset + entry.start() + entry.group().rfind(name)))
    return people


def _people_after(sentence: str, start: int, offset: int) -> list[_Person]:
    people: list[_Person] = []
    for g in _GROUP.finditer(sentence, start):
        parsed = _parse_group(_TAIL_WORDS.sub("", g.group()), offset + g.start())
        if not parsed:
            break
        people.extend(parsed)
    return people


def _parse_group(group: str, offset: int) -> list[_Person] | None:
    """'区委副书记、区长袁建' -> [袁建 with (区委副书记, 区长)]; None when it is not only people."""
    lead = _strip_lead(group)
    base = offset + len(group) - len(lead)
    people: list[_Person] = []
    pending: list[str] = []
    tokens = [(t, _TAIL_WORDS.sub("", t.group().strip())) for t in _TOKEN.finditer(lead)]
    lenient = len(tokens) > 1 and any(split_titled_name(token) for _, token in tokens)
    for t, token in tokens:
        if not token:
            continue
        split = split_titled_name(token) or (_bare_name(token) if lenient else None)
        if split is None:
            if is_title(token):
                pending.append(token)
                continue
            return None
        prefix, name, suffix = split
        titles = tuple(pending + [x for x in (prefix, suffix) if x])
        pending = []
        start = base + t.start() + t.group().find(name)
        people.append(_Person(name, titles, start))
    return people or None


def _bare_name(token: str) -> tuple[str, str, str] | None:
    """In a list beside real names, accept a 2-3 character name with a surname we do not know."""
    if 2 <= len(token) <= 3 and is_plain_name(token):
        return "", token, ""
    return None


def _strip_lead(group: str) -> str:
    previous = None
    while previous != group:
        previous = group
        group = group.lstrip(" \u3000")
        date = DATE_RE.match(group)
        if date:
            group = group[date.end() :]
        group = _LEAD_WORDS.sub("", group)
    return group
