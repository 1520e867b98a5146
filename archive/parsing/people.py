"""Who took part, in which role, with which posts: read from the clauses around the verbs."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from .dates import DATE_RE
from .names import MENTIONED_LEADERS, is_name, is_plain_name, is_title, split_titled_name
from .result import ParsedParticipant


@dataclass(frozen=True)
class _Person:
    name: str
    titles: tuple[str, ...]
    start: int
    # Set when the name is written with padding inside ('王　军'); else start + len(name).
    end: int | None = None


# Words around a list of people that are not part of any name or post.
_LEAD_WORDS = re.compile(
    r"^(?:会议由|由|并?(?:特别)?邀请了?|特邀|出席会议的有|参加会议的有|列席会议的有|出席的有|参加的有|列席的有|还有|以及|和|及|同时|此外|另外|"
    r"(?:区|县|市|镇|乡|街道|省)?(?:四套班子|班子)?领导|会上|上午|下午|晚上|连日来|近日|日前|近期|当天|当日|今天|今日|昨天|随后|其间|[:：])+"
)
_TAIL_WORDS = re.compile(
    r"(?:等(?:[区县市镇乡]|街道)?(?:委|政府|人大|政协|四套班子)?(?:领导)?(?:同志|人)?|同志们|同志"
    r"|分别|先后|也|还|都有|一同|共同|均|一起|应邀|受邀|一并|出席并|参加并|共有?[\d一二三四五六七八九十]{1,3}[人名位])+$"
)
_ON_BEHALF = re.compile(r"(?:同志)?受[^，,。；;]{1,20}?委托$")
# 'X宣布大会开幕并主持第一阶段大会': X chairs; what X announced is not part of the name.
_ANNOUNCED = re.compile(r"宣布[^，,。；;]{1,20}?并$")
_LOCATION_TAIL = re.compile(r"在[^，,、]{0,25}$")
_GROUP = re.compile(r"[^，,]+")
_TOKEN = re.compile(r"[^、]+")

# Each role: a verb after the list of people (before=True) or a phrase introducing it.
_TRIGGERS_BEFORE = [
    ("chair", re.compile(r"主持(?!人)")),
    # Not '在主席台就座': LABELLING.md names no attendance by seating; labellers of 60 reports the
    # parser never saw left the rostrum out, and counting it cut names precision 0.985 -> 0.890.
    ("attendee", re.compile(r"(?<!列席)(?:出席|参加|到会)(?!人员)")),
    ("observer", re.compile(r"列席")),
    ("conveyor", re.compile(r"传达(?!贯彻|精神)")),
    (
        "reporter",
        re.compile(
            r"(?:作了?|进行了?)?(?:专题|工作|情况|相关|有关)?汇报|通报|宣读|解读"
            r"|(?:所?(?<!工)[作做]了?的?)[^，,。；;]{0,25}?(?:报告|说明)"
            r"|(?<!工)[作做]了?《[^《》]*》的(?:报告|说明)"  # a long title: '作了《关于…情况》的报告'
            r"|就[^，,。；;]{1,40}?进行了?(?:简要|详细)?说明"
        ),
    ),
    (
        "speaker",
        re.compile(
            r"(?:在会上|在会议上|最后|随后)?(?:作了?)?(?:总结|重要|专题|表态|研讨|交流|动员|部署)?(?:讲话|发言)(?!精神)"
            r"|(?:作了?)?研讨交流|作了?(?:重要|具体)?(?:强调|点评)|致辞"
        ),
    ),
]
_TRIGGERS_AFTER = [
    ("attendee", re.compile(r"(?:出席|参加)(?:会议|本次会议)?的(?:领导|人员|同志)?(?:还)?有[:：]?")),
    ("observer", re.compile(r"列席(?:会议|本次会议)?的(?:领导|人员|同志)?(?:还)?有[:：]?")),
]
# Outside the lead, '某某主持会议' (or 全会, 全体会议, 并讲话) names this meeting's chair (LABELLING.md:
# 'X主持会议' even after the attendance list); '某某主持召开…' there is another meeting.
_CHAIRS_THIS = re.compile(
    r"主持(?:了)?(?:本次|这次)?(?:会议|全会|全体会议|大会|第[一二三四]阶段|并讲话|并作|[，,。]|$)"
)
# Not 主持人: '会议由主席团会议主持人X主持' names X after that title.
_CHAIR_BY = re.compile(r"由([^，,。；;]{2,40}?)(?:同志)?主持(?!人)")
_HEARD = re.compile(r"听取(?:了)?([^。；;]{2,60}?)(?:同志)?(?:关于|就|对|所作|所做|作的|的|《)")
# "X在讲话中强调", "X在会上指出", "X就下一步工作提出要求", "X就防汛工作作了具体部署":
# someone at the meeting spoke.
_SPOKE = re.compile(
    r"^(?:会上|最后|随后)?[，,]?(?P<who>[^，,。；;在就]{2,40}?)"
    r"(?:在(?:总结)?讲话(?:中|时)|在会上|在会议上|在会议结束时|就[^，,。；;]{1,40}?)"
    r"(?:强调|指出|要求|表示|提出|作了?(?:具体|全面|工作)?部署|进行(?:安排)?部署|作了?(?:具体)?安排)"
)
# 'X指出，…', '县委书记X强调：…': a named person's words at the meeting (the chair's add no role).
_SAID = re.compile(
    r"^(?:会上|最后|随后|会议最后)?[，,]?(?P<who>[^，,。；;：:在就对]{2,30}?)(?:同志)?(?:强调|指出|要求|点评|总结说|致辞)[，,：:]"
)
# Formal minutes (纪要) list people on labelled lines: "出席：A、B", "列席：区财政局 C；区审计局 D", "主持：A".
_LABELLED = re.compile(
    r"^(?P<label>主持人?|(?:出席|参加)(?:会议)?(?:人员|领导)?|参会(?:人员|领导)|列席(?:会议)?(?:人员|单位)?)"
    r"\s*[:：]\s*(?P<list>.+)$",
    re.M,
)
_LABEL_ROLES = {"主持": "chair", "出席": "attendee", "参加": "attendee", "参会": "attendee", "列席": "observer"}
_LIST_ENTRY = re.compile(r"[^、，,；;]+")
# '孙海涛及区长助理钱伟': two people joined by a conjunction, unless it joins the words of an
# organisation's name (区发展和改革局, 区住房和城乡建设局, 区文化和旅游局 ...).
_CONJUNCTION = re.compile(r"以及|及|和|与")
_ORG_CONTINUATION = re.compile(
    r"^(?:改革|城乡|社会保障|信息化|旅游|规划|农村|乡村|计划生育|体育|广电|新闻出版|科技|技术|商务|外事|民族宗教|应急)"
)
# Posts held by several people at once: a post written before a list belongs to every name in it.
_SHARED_POST_ENDINGS = ("常委", "委员", "成员", "代表", "助理", "调研员", "巡视员", "组员", "干部")
# Two-character names padded to the width of three in formal documents: '王　军'.
_PADDED_NAME = re.compile(r"([\u4e00-\u9fff])[ \u3000]{1,4}([\u4e00-\u9fff])$")
_DISCUSSION = re.compile(r"^(?:会议|会上)?(?:指出|强调|要求|认为|提出|号召|希望)")
_NATIONAL = re.compile(r"总书记|国家主席|总理|委员长|全国|中央|国务院|\|(?:同志)?(?:在|的|关于|重要|讲话|指示|论述)")
# Roles given to whole lists of people, which often end in a group that is nobody.
_LIST_ROLES = ("attendee", "observer")
# A group that holds one of these belongs to another clause: a list of people stops there.
_CLAUSE_VERB = re.compile(r"主持|出席|列席|参加|召开|举行|讲话|发言|汇报|传达|指出|强调|听取|审议|研究|到会")
# A sentence without any of these names nobody in a role: skipped before the costlier patterns.
_ANY_ROLE_WORD = re.compile(
    r"主持|出席|参加|参会|到会|列席|传达|汇报|通报|宣读|报告|说明|讲话|发言|交流|有[:：]|听取|强调|指出|要求|表示|提出|部署"
)
_BOOK_TITLE = re.compile(r"《[^《》\n]*》")
_REPORT_WORDS = ("报告", "汇报", "说明")
# ASCII '?' is left out: scraped pages put it where a character was lost.
# '??h' is what one store's pages left of '。縣' (参加会议??h委常委…): a sentence ends there.
_SENTENCE = re.compile(r"(?:[^。；;！!？\n?]|(?<!\?)\?(?!\?[a-z])|(?<=\?)\?(?![a-z]))+")
# Where what a person did begins, after their name: 'X作2016年工作汇报', 'X围绕主题作交流'.
_ACT_START = re.compile(r"同志|所作|所做|作了?|围绕|结合|就|以|对|向(?:大会|会议|全会)|发表|宣读|出席会议并|参加会议并")
# 'X所作《…报告》和Y所作的《…报告》': the second report's person comes after the first title.
_AFTER_TITLE_AND = re.compile(r"》(?:和|及|与|、)")


def find_participants(text: str, lead: tuple[int, int]) -> list[ParsedParticipant]:
    """All participants in order of mention; the chair from the lead paragraph, from 由X主持, or
    from 'X主持会议' elsewhere. A person named twice in one role keeps the mention with posts."""
    found: list[ParsedParticipant] = []
    seen: dict[tuple[str, str], int] = {}

    def add(role: str, people: list[_Person]):
        for person in people:
            key = (person.name, role)
            if person.name in MENTIONED_LEADERS and _mentioned_leader(text, person, role):
                continue
            participant = ParsedParticipant(
                person.name, role, person.titles, person.start, person.end or person.start + len(person.name)
            )
            if key not in seen:
                seen[key] = len(found)
                found.append(participant)
            elif person.titles and not found[seen[key]].titles:  # '向某主持并讲话' in a headline, posts in the lead
                found[seen[key]] = participant

    text = _BOOK_TITLE.sub(_masked_title, text)  # no one inside a title
    for m in _SENTENCE.finditer(text):
        sentence, offset = m.group(), m.start()
        if not _ANY_ROLE_WORD.search(sentence) or _DISCUSSION.match(sentence.strip()):
            continue
        in_lead = lead[0] <= offset < lead[1]
        known = {p.name for p in found}  # named before: a bare repeat of a name is that person
        for by in _CHAIR_BY.finditer(sentence):
            add("chair", _parse_group(by.group(1), offset + by.start(1)) or [])
        for role, trigger in _TRIGGERS_BEFORE:
            for hit in trigger.finditer(sentence):
                if role == "chair" and not in_lead and not _CHAIRS_THIS.match(sentence, hit.start()):
                    continue
                add(role, _people_before(sentence, hit.start(), offset, role, known))
        for role, trigger in _TRIGGERS_AFTER:
            for hit in trigger.finditer(sentence):
                add(role, _people_after(sentence, hit.end(), offset))
        said = _SAID.match(sentence.strip())
        if said:
            at = offset + len(sentence) - len(sentence.lstrip()) + said.start("who")
            add("speaker", _parse_group(said.group("who"), at) or [])
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


def _masked_title(title: re.Match) -> str:
    """《政府工作报告》 → 《□□□□报告》: no name inside, but what kind of text it is stays, so
    '镇长X作《政府工作报告》' still reads as a report."""
    inner = title.group()[1:-1]
    kind = inner[-2:] if inner.endswith(_REPORT_WORDS) else ""
    return "《" + "□" * (len(inner) - len(kind)) + kind + "》"


def _mentioned_leader(text: str, person: _Person, role: str) -> bool:
    """A national leader whose words are studied, unless the name sits in this meeting's list of
    attendees with nothing national about it ('副区长甲某、李强、乙某出席': a local namesake)."""
    end = person.end or person.start + len(person.name)
    around = text[max(0, person.start - 8) : person.start] + "|" + text[end : end + 6]
    return role not in _LIST_ROLES or bool(_NATIONAL.search(around))


def _people_before(
    sentence: str, verb_at: int, offset: int, role: str, known: AbstractSet[str] = frozenset()
) -> list[_Person]:
    """The people listed before a verb, back to the clause of another verb. A list is not
    all-or-nothing: groups and entries that are not people ('县直有关单位负责同志') are skipped."""
    left = sentence[:verb_at]
    if role == "chair":
        left = _ON_BEHALF.sub("", left)  # 'X同志受区长委托主持': X chairs
        left = _ANNOUNCED.sub("", left)
    if role == "speaker" and re.search(r"主持(?:会议)?并$", left):
        return []  # 主持并讲话: the chair, who is not also listed as a speaker
    groups = list(_GROUP.finditer(left))
    people: list[_Person] = []
    for index, g in enumerate(reversed(groups)):
        group = g.group()
        if index == 0:
            group = _TAIL_WORDS.sub("", group)
            if role == "speaker":
                group = re.sub(r"(?:同志)?(?:出席|参加)(?:会议)?并(?:就[^，,]{0,40})?$", "", group)
                # '龚某代表县委常委会作工作报告并讲话'
                group = re.sub(r"(?:代表[^，,]{1,20}?)?作了?[^，,]{0,20}?(?:报告|说明)并$", "", group)
            group = _LOCATION_TAIL.sub("", group)
            group = _TAIL_WORDS.sub("", group)
            verbs = list(_CLAUSE_VERB.finditer(group))
            if verbs:  # '会议听取了区财政局局长X…': the list starts after the other clause's verb
                start = verbs[-1].end()
                start += len(group[start:]) - len(group[start:].lstrip("了"))
                group, g_start = group[start:], g.start() + start
            else:
                g_start = g.start()
        elif _CLAUSE_VERB.search(group):
            break
        at = offset + (g_start if index == 0 else g.start())
        parsed = _parse_group(group, at, skip_others=role in _LIST_ROLES)
        if not parsed and index == 0 and role not in _LIST_ROLES:
            parsed = _actor_after_a_title(group, at) or _actor(group, at) or _named_before(group, at, known)
        if parsed:
            people[:0] = parsed
        elif index == 0 and role in ("chair", "speaker", "reporter", "conveyor"):
            break  # a person who acts is named right before the verb
        if role == "chair":
            break
    return people


def _named_before(group: str, offset: int, known: AbstractSet[str]) -> list[_Person] | None:
    """A name the text gave with a post before ('区委书记代某某…'), written bare again ('代某某就…作说明'):
    the same person, whether or not we know the surname."""
    lead = _strip_lead(group)
    name = lead.rstrip()
    return [_Person(name, (), offset + len(group) - len(lead))] if name in known else None


def _actor_after_a_title(group: str, offset: int) -> list[_Person] | None:
    """'…张某所作《政府工作报告》和镇人大主席李某' before '所作的《人大工作报告》': 李某."""
    joints = list(_AFTER_TITLE_AND.finditer(group))
    if not joints:
        return None
    return _parse_group(group[joints[-1].end() :], offset + joints[-1].end())


def _actor(group: str, offset: int) -> list[_Person] | None:
    """The person at the start of 'X同志作2016年党建工作' or 'X围绕主题作': cut where the act begins."""
    for cut in _ACT_START.finditer(group):
        parsed = _parse_group(group[: cut.start()], offset)
        if parsed:
            return parsed
    return None


def _labelled_list(listed: str, offset: int) -> list[_Person]:
    """'区政府办公室 林晓峰；区财政局 廖敏': a unit or post, a space, the name; units alone are skipped."""
    people = []
    for entry in _LIST_ENTRY.finditer(listed):
        written = _TAIL_WORDS.sub("", entry.group().rstrip())
        parts = _closed_up_parts(written.split())
        names = [split_titled_name(part, bound=True) for part in parts]
        if len(parts) > 1 and all(n and not n[0] and not n[2] for n in names):
            # Names side by side, separated by spaces: 'A B C'.
            for name in (n[1] for n in names):
                people.append(_located(name, (), written, offset + entry.start()))
            continue
        split = names[-1] if names else None
        if split is None:
            continue
        prefix, name, suffix = split
        titles = tuple(parts[:-1] + [x for x in (prefix, suffix) if x])
        people.append(_located(name, titles, written, offset + entry.start()))
    return people


def _closed_up_parts(parts: list[str]) -> list[str]:
    """['宁', '波', '沈建新', '柯', '敏'] -> ['宁波', '沈建新', '柯敏']: padded two-character names."""
    out: list[str] = []
    single = False
    for part in parts:
        if single and len(part) == 1 and len(out[-1]) == 1:
            out[-1] += part
            single = False
            continue
        out.append(part)
        single = len(part) == 1
    return out


@lru_cache(maxsize=1024)
def _padded(name: str) -> re.Pattern:
    return re.compile(r"[ \u3000]{0,4}".join(map(re.escape, name)))


def _located(name: str, titles: tuple[str, ...], written: str, offset: int) -> _Person:
    """The person, with the span the name covers in ``written`` (the last match, padding included)."""
    at = written.rfind(name)
    if at >= 0:
        return _Person(name, titles, offset + at)
    matches = list(_padded(name).finditer(written))
    if not matches:
        return _Person(name, titles, offset)
    last = matches[-1]
    return _Person(name, titles, offset + last.start(), offset + last.end())


def _people_after(sentence: str, start: int, offset: int) -> list[_Person]:
    people: list[_Person] = []
    for g in _GROUP.finditer(sentence, start):
        parsed = _parse_group(_TAIL_WORDS.sub("", g.group()), offset + g.start())
        if not parsed:
            break
        people.extend(parsed)
    return people


def _parse_group(group: str, offset: int, skip_others: bool = False) -> list[_Person] | None:
    """'区委副书记、区长袁建' -> [袁建 with (区委副书记, 区长)]; None when it is not only people
    (with ``skip_others``: the people in it, passing over entries that are not people)."""
    lead = _strip_lead(group)
    base = offset + len(group) - len(lead)
    people: list[_Person] = []
    pending: list[str] = []
    tokens = [(at, _closed_up(written), written) for at, written in _tokens(lead)]
    lenient = len(tokens) > 1 and any(split_titled_name(token) for _, token, _ in tokens)
    between = _between_names([token for _, token, _ in tokens]) if lenient else set()
    shared: tuple[str, ...] = ()  # '副县长甲某、乙某、丙某': the post written before the list
    for at, token, written in tokens:
        if not token:
            continue
        split = split_titled_name(token) or (
            _bare_name(token, bound=bool(shared) or token in between) if lenient else None
        )
        if split is None:
            if is_title(token):
                pending.append(token)
                continue
            if skip_others:
                pending, shared = [], ()
                continue
            return None
        prefix, name, suffix = split
        titles = tuple(pending + [x for x in (prefix, suffix) if x])
        pending = []
        if titles:
            shared = titles if _shared_post(titles[-1]) else ()
        else:
            titles = shared
        people.append(_located(name, titles, written, base + at))
    return people or None


def _between_names(tokens: list[str]) -> set[str]:
    """Entries of a list with a name right before and right after them (甲、安龙、乙)."""
    person = [bool(split_titled_name(token)) for token in tokens]
    return {
        token
        for k, token in enumerate(tokens)
        if 0 < k < len(tokens) - 1 and person[k - 1] and person[k + 1] and not person[k]
    }


def _shared_post(title: str) -> bool:
    """A post several people hold at once (副县长, 区委常委, 党组成员), which a list written after
    it gives to every name; one person holds 县长 or 县委书记."""
    return "副" in title or title.endswith(_SHARED_POST_ENDINGS)


def _tokens(lead: str):
    """(offset, text) of each entry of a list: split at '、' and at a conjunction between two people."""
    for t in _TOKEN.finditer(lead):
        text = t.group()
        for conjunction in _CONJUNCTION.finditer(text):
            left, right = text[: conjunction.start()], text[conjunction.end() :]
            if _is_person(left) and not _ORG_CONTINUATION.match(right) and (_is_person(right) or not _is_person(text)):
                # '陈某和其他常委会组成人员': the person, then a group that is nobody
                yield t.start(), left
                yield t.start() + conjunction.end(), right
                break
        else:
            yield t.start(), text


def _is_person(text: str) -> bool:
    return split_titled_name(_closed_up(text)) is not None


@lru_cache(maxsize=65536)
def _closed_up(written: str) -> str:
    token = _TAIL_WORDS.sub("", written.strip())
    if "等" in token:  # '柏海峰等常委会组成人员共25人': the person before the group
        before = token.split("等", 1)[0]
        if split_titled_name(before):
            token = before
    return _PADDED_NAME.sub(r"\1\2", token) if " " in token or "\u3000" in token else token


def _bare_name(token: str, bound: bool = False) -> tuple[str, str, str] | None:
    """In a list beside real names, accept a 2-3 character name with a surname we do not know;
    ``bound``: the post before the list is this name's too (副主任甲、乙、李世科), or names stand
    on both sides (甲、安龙、乙), so a name with a known surname that ends like a unit (科, 所) or
    is also a place's name is still a person."""
    if bound and is_name(token, bound=True):
        return "", token, ""
    if 2 <= len(token) <= 3 and is_plain_name(token):
        return "", token, ""
    return None


# List markers that open an item of a page's news list ('●5月10日 市人大常委会主任X主持召开…').
_BULLETS = "●○◆◇■□▲△▶►★☆•◎※"


def _strip_lead(group: str) -> str:
    previous = None
    while previous != group:
        previous = group
        group = group.lstrip(" \u3000" + _BULLETS)
        date = DATE_RE.match(group)
        if date:
            group = group[date.end() :]
        group = _LEAD_WORDS.sub("", group)
    return group
