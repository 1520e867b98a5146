"""Agenda items: numbered headings when the text has them, else one per 学习/听取/研究/审议 topic."""

from __future__ import annotations

import re

from .dates import to_int
from .result import ParsedAgendaItem

_HEADING_STYLES = (
    re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、．.]\s*"),
    re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*"),
    re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*"),
    re.compile(r"^[（(](\d{1,2})[）)]\s*"),
    re.compile(r"^第([一二三四五六七八九十]{1,3})项[、，,：:\s]*"),
)
_VERB = r"(?:传达学习|学习传达|学习贯彻|传达贯彻|集体学习|专题学习|传达|学习|听取|审议|审定|研究部署|研究讨论|研究|讨论|通报|部署)"
_CLAUSE_START = re.compile(rf"^(?:会议|会上)?(?:还|先后|首先|集体|专题|认真|重点)?(?P<verb>{_VERB})(?:了)?")
_CLAUSE = re.compile(r"[^，,；;。]+")
# "会议还研究了其他事项" closes many minutes; it names no topic.
_NO_TOPIC = re.compile(
    r"^(?:(?:其他|其它)(?:有关|相关)?(?:事项|议题|工作|问题)|以下(?:几项|几个)?(?:事项|议题|工作|问题)[：:]?)$"
)
# "会议研究了以下事项：一是研究…；二是听取…": the enumeration marks where each topic starts.
_ENUMERATION = re.compile(
    r"(?:^|[：:])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|再次|最后)[，,、]?"
)
_ENUMERATION_MARK = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])[，,、]?")
_DOCUMENT = re.compile(r"《([^《》\n]{1,120})》")
_KINDS = (
    ("hearing", re.compile(r"^听取")),
    ("review", re.compile(r"^(?:审议|审定|讨论通过)")),
    ("study", re.compile(r"^(?:传达|学习|集体学习|专题学习)")),
    ("deliberation", re.compile(r"^(?:研究|讨论|部署)")),
)


# A title only mentioned, not handled (LABELLING.md, documents_mentioned): a journal issue, the
# text an oath is sworn on or a rule acted under, an anthem played.
_MENTIONED_AFTER = re.compile(r"^(?:杂志|\s*\d{4}\s*年第|\s*第\s*\d+\s*期|声中|歌声)")
_MENTIONED_BEFORE = re.compile(r"(?:面向|手按|抚按|根据|依照|依据|按照|遵照)$")


# A title this short that ends a title named before refers back to it.
SHORT_REFERENCE = 4


def documents_in(text: str) -> list[str]:
    """Titles in 《》 that the meeting handled, in order, without those only mentioned."""
    titles: list[str] = []
    # The endings (up to SHORT_REFERENCE characters) of the titles named so far, shorter than them.
    endings: set[str] = set()
    for m in _DOCUMENT.finditer(text):
        title = m.group(1).strip()
        if _MENTIONED_AFTER.match(text[m.end() : m.end() + 8]) or _MENTIONED_BEFORE.search(
            text[max(0, m.start() - 4) : m.start()]
        ):
            continue
        if len(title) <= SHORT_REFERENCE and title in endings:
            continue  # '《条例》': a short back-reference to a title named before
        titles.append(title)
        endings.update(title[-k:] for k in range(1, min(SHORT_REFERENCE + 1, len(title))))
    return list(dict.fromkeys(titles))


def kind_of(title: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return ""


def find_agenda(paragraphs: list[str], lead_index: int) -> list[ParsedAgendaItem]:
    numbered = _numbered(paragraphs, lead_index)
    return numbered if numbered else _by_topic(paragraphs, lead_index)


_PERFECTIVE = re.compile(r"^([^《“]{0,8}?(?:议|究|取|习|达|彻|定|论|署|过|报))了")


def _make(order: int, title: str, text: str) -> ParsedAgendaItem:
    title = _topic_title(title.strip())
    title = _PERFECTIVE.sub(r"\1", title).rstrip("。；;，,：:")
    text = text.strip()
    return ParsedAgendaItem(order, title, text, _kind(title, text), documents_in(title + "\n" + text))


def _kind(title: str, text: str) -> str:
    """From the title's verb, else (for headings such as '关于…') from the verb that opens the text."""
    opening = _CLAUSE_START.match(text)
    return kind_of(title) or (kind_of(opening.group("verb")) if opening else "")


def _numbered(paragraphs: list[str], lead_index: int) -> list[ParsedAgendaItem]:
    style = None
    for paragraph in paragraphs[lead_index + 1 :]:
        style = next((s for s in _HEADING_STYLES if s.match(paragraph)), None)
        if style:
            break
    if style is None:
        return []
    items: list[tuple[str, list[str]]] = []
    expected = 1
    for paragraph in paragraphs[lead_index + 1 :]:
        m = style.match(paragraph)
        if m and to_int(m.group(1)) == expected:
            expected += 1
            heading = paragraph[m.end() :]
            title, _, rest = heading.partition("。") if len(heading) > 60 or "。" in heading[:-1] else (heading, "", "")
            items.append((_topic_title(title), [rest] if rest else []))
        elif items:
            items[-1][1].append(paragraph)
    return [_make(i, title, "\n".join(body)) for i, (title, body) in enumerate(items, 1)]


def _topic_title(title: str) -> str:
    """'会议还审议了…' → '审议…': the title starts with what was done."""
    m = _CLAUSE_START.match(title) or _AGENDA_CLAUSE.match(title)
    if m and title.startswith(("会议", "会上", "大会", "本次")):
        return m.group("verb") + title[m.end() :]
    return title


# Paragraph-style minutes (LABELLING.md rules A2–A5): one item per matter the meeting handled.
_AGENDA_VERB = (
    r"(?:传达学习|学习传达|学习贯彻|传达贯彻|集体学习|专题学习|集中学习|传达|学习|听取(?:并|和)?审议(?:通过)?|听取并?通过|听取"
    r"|审议(?:并)?(?:原则)?通过|审议决定|审议确定|审议|审定|讨论(?:并)?通过|讨论研究|讨论|研究讨论|研究决定|研究确定|研究部署"
    r"|研究同意|研究|通报|安排部署|部署|收看|观看|表决通过|原则通过|通过|决定|原则同意|同意|协商通过|协商|推定|确定|指定|选举产生|选举|补选)"
    r"(?!会)"
)
# How the meeting is the subject: '会议…', '会上…', '本次主席会议…', '主任会议…', '首先…'.
_MEETING_SUBJECT = (
    r"(?:(?:大会|会议|会上|本次[^，,]{0,6}会议|[^，,。]{0,8}?会议(?=听取|审议|研究|讨论|传达|学习|通过|决定))?"
    r"(?:首先|其次|随后|接着|然后|最后|同时|此外|另外)?[，,]?(?:还|先后|分别|集中|认真|书面|专题|重点|逐项|集体|一并|依次)*)"
)
_AGENDA_CLAUSE = re.compile(rf"^{_MEETING_SUBJECT}(?P<verb>{_AGENDA_VERB})了?")
# Someone who acts for the meeting: '由X通报了…', '区发改局通报了…', 'X作2016年工作汇报', '各单位作表态发言'
# (a closing or keynote speech, 作总结发言/作重要讲话, is not a matter handled).
_ACTOR_CLAUSE = re.compile(
    r"^(?:会上[，,])?(?:由)?[^，,。；;]{2,40}?(?:分别|先后|还)?(?P<verb>通报|介绍|宣读|传达(?!学习|贯彻)|(?:作|进行)了?(?!总结|重要)[^，,。；;]{0,25}?(?:汇报|报告|发言|交流|培训|解读)|汇报)"
)
_REQUIREMENT = re.compile(r"^(?:会议|会上|[^，,。]{0,20}?)(?:指出|强调|要求|认为|提出|号召|希望|表示)")
_BEFORE_MEETING = re.compile(r"^(?:会前|会后|此前|会议期间)")
# 'the proposed agenda of the next session is: …' — items of a later meeting.
_FUTURE_AGENDA = re.compile(r"(?:议程|议题)(?:为|是|包括|如下)[:：]?")
# '会议审议通过了上述报告': the matters named before, not a new one.
_BACK_REFERENCE = re.compile(r"^(?:上述|以上|前述)")
_FOLLOW_UP = re.compile(
    r"^(?:并|同时)|^[^，,]{0,12}(?:上述|以上|前述)|^(?:原则)?(?:同意|通过|决定)(?:提交|提请|报请|上报)|^[^，,]{0,20}(?:分别)?作了?(?:汇报|说明)$|^(?:研究|提出)(?:了)?[^，,]{0,12}?(?:贯彻|落实)|^(?:原则|会议原则)?(?:通过|同意)[^，,]{0,6}(?:实施意见|贯彻意见|意见)"
)
_EXPLICIT_COUNT = re.compile(
    r"(?:等)?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})(?:项|个|份|件|部)"
    r"(?=[^，,；;。]{0,6}(?:议题|事项|文件|精神|报告|建议|名单|议案|材料|请示|方案|决定|意见|办法))"
)
_DOCUMENT_END = re.compile(
    r"(?:报告|汇报|通报|说明|意见|办法|方案|请示|议案|决定|决议|名单|安排|计划|规划|草案|稿|[)）》]|材料|条例|细则|规定)$"
)
_TITLED_REPORT = re.compile(r"关于|《")
_SEPARATE_DOCUMENTS = re.compile(r"^(?:听取|审议|讨论|表决|通过|原则通过|审定)")
_SEPARATELY = re.compile(r"^[^，,]{0,8}分别")


def _by_topic(paragraphs: list[str], lead_index: int) -> list[ParsedAgendaItem]:
    """Items from the report's body; the lead's own clauses only when the body names none
    (a lead that the body expands is a summary, not more items)."""
    lead = paragraphs[lead_index]
    first_stop = lead.find("。")
    lead_sentence, lead_rest = (lead, "") if first_stop < 0 else (lead[: first_stop + 1], lead[first_stop + 1 :])
    body = [lead_rest] + paragraphs[lead_index + 1 :] if lead_rest.strip() else paragraphs[lead_index + 1 :]
    found = _matters(body)
    found = [m for m in _matters([_after_meeting_name(lead_sentence)], lead=True) if not _summary(m[0], found)] + found
    items = []
    for order, (title, text) in enumerate(found, 1):
        items.append(_make(order, title, text))
    return items


# A lead clause with these words sums up what the body then lists ('研究部署了防汛等工作').
_SUMMARY_WORDS = re.compile(r"有关|相关|等工作|等事项|下一阶段|下阶段|下一步|下步|当前|近期|各项")


_COMMON_PAIRS = {"工作", "精神", "会议", "情况", "有关", "相关", "问题", "事项"}


def _summary(title: str, body_items: list[tuple[str, str]]) -> bool:
    """A lead clause that the body expands: general words, or a topic the body's items cover."""
    if not body_items:
        return False
    if _SUMMARY_WORDS.search(title):
        return True
    topic = _topic_of(title)
    pairs = {topic[i : i + 2] for i in range(len(topic) - 1)} - _COMMON_PAIRS
    covered = "".join(t for t, _ in body_items)
    return bool(pairs) and sum(p in covered for p in pairs) / len(pairs) > 0.5


def _after_meeting_name(sentence: str) -> str:
    """'…主持召开区政府常务会议，研究部署了…': the clauses after the one that names the meeting."""
    m = re.search(r"(?:召开|举行)[^，,。]*?(?:会议|会)[^，,。]*[，,]", sentence)
    return sentence[m.end() :] if m else ""


def _matters(paragraphs: list[str], lead: bool = False) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    keys: list[str] = []
    for paragraph in paragraphs:
        for sentence in re.split(r"[。！!]", paragraph):
            sentence = sentence.strip()
            if not sentence or _REQUIREMENT.match(sentence) or _BEFORE_MEETING.match(sentence):
                continue
            future = _FUTURE_AGENDA.search(sentence)
            if future and not _AGENDA_CLAUSE.match(sentence):
                continue
            if future:
                sentence = sentence[: future.start()]
            for title in _sentence_matters(sentence, lead):
                key = re.sub(r"[“”\"《》\s了的,，、]", "", title)
                key = re.sub(rf"^{_MEETING_SUBJECT}", "", key)
                topic = _topic_of(title)
                if len(key) < 2 or _NO_TOPIC.match(topic) or _BACK_REFERENCE.match(topic) or key in keys:
                    continue
                keys.append(key)
                found.append((title, paragraph))
    return found


def _sentence_matters(sentence: str, lead: bool) -> list[str]:
    """The matters of one sentence: each semicolon part, each clause that opens with a new verb
    (not a follow-up such as '研究贯彻意见'), each separately titled document heard or reviewed."""
    enumerated = _ENUMERATION.sub("，", sentence).lstrip("，,")
    if not lead and not (_AGENDA_CLAUSE.match(enumerated) or _ACTOR_CLAUSE.match(enumerated)):
        return []
    titles: list[str] = []
    separately = bool(_SEPARATELY.match(enumerated))
    for part_index, part in enumerate(re.split(r"[；;]", enumerated)):
        current: str | None = None
        for clause in _CLAUSE.finditer(part):
            text = _ENUMERATION_MARK.sub("", clause.group().strip())
            opens = _AGENDA_CLAUSE.match(text) or _ACTOR_CLAUSE.match(text)
            if current is None and (opens or (part_index > 0 and not lead)):
                current = text
            elif opens and not _FOLLOW_UP.match(text):
                titles.extend(_split_documents(current, separately))
                current = text
            elif current is not None:
                current += "，" + text
        if current:
            titles.extend(_split_documents(current, separately))
    return titles


def _split_documents(title: str, separately: bool = False) -> list[str]:
    """'听取审议了A的报告、B的调研报告' → two items; 《A》和《B》 reviewed → two; drafts reviewed
    '分别' → one each; an explicit count ('等8项文件精神') → that many."""
    if explicit_count(title) > 1:
        return [title]
    verb = _AGENDA_CLAUSE.match(title)
    if not verb or not _SEPARATE_DOCUMENTS.match(verb.group("verb")):
        return [title]
    separately = separately or "分别" in title[: verb.end()]
    heard = verb.group("verb").startswith("听取")
    head, rest = title[: verb.end()], title[verb.end() :]
    items = [head + part for part in _documents(rest, separately, heard)]
    return items if len(items) > 1 else [title]


def _documents(listed: str, separately: bool, heard: bool = False) -> list[str]:
    """The separately titled documents of a list, each ending in a document's noun: reviewed
    '分别' (split at every comma), reports heard (split at 、), 《titles》 (always)."""
    if separately:
        pattern = r"[、，,]|以及|(?<=》)(?:和|及|)(?=《)"
    elif heard:
        pattern = r"、|(?<=》)(?:和|及|以及|)(?=《)"
    else:
        pattern = r"(?<=》)(?:、|和|及|以及|)(?=《)"
    segments = [seg for seg in re.split(pattern, listed) if seg]
    documents: list[str] = []
    current = ""
    for segment in segments:
        current = f"{current}、{segment}" if current else segment
        if segment.endswith("》") or (len(current) >= 6 and _DOCUMENT_END.search(current)):
            documents.append(current)
            current = ""
    if current:
        if documents:
            documents[-1] += "、" + current
        else:
            documents.append(current)
    if heard and not all(_TITLED_REPORT.search(d) for d in documents):
        return [listed]  # '听取各代表团审议政府、计划、财政工作情况汇报': one report on several matters
    return documents


def explicit_count(title: str) -> int:
    """The number of matters a clause says it covers ('等8项文件精神', '三份建议书和三个名单'), else 0."""
    return sum(to_int(n) or 0 for n in _EXPLICIT_COUNT.findall(title))


def agenda_count(items: list[ParsedAgendaItem]) -> int:
    """How many matters the meeting handled: an item that says it covers N counts N (rule A2)."""
    return sum(max(1, explicit_count(item.title)) for item in items)


def _topic_of(title: str) -> str:
    m = _AGENDA_CLAUSE.match(title)
    return re.sub(r"[“”\"《》\s了的]", "", title[m.end() :] if m else title)
