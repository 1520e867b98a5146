"""Agenda items: numbered headings when the text has them, else one per 学习/听取/研究/审议 topic."""

from __future__ import annotations

import re
from functools import lru_cache

from .data import data_lines
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


# '某镇召开村“两委”换届工作动员暨培训会', '举行2023年第十次集体学习暨专题研讨': the meeting's name.
_CONVENED_NAME = re.compile(
    r"(?:召开|举行)了?(?P<name>[^，,。；;：:]{2,60}(?:会议|会|集体学习|专题学习|学习|研讨|座谈))"
)


def the_meeting_as_its_matter(lead: str, body: str | None) -> ParsedAgendaItem:
    """The one matter of a meeting whose report lists none: its subject, as its name states it."""
    named = _CONVENED_NAME.search(lead)
    title = named.group("name").strip() if named else (body or lead.split("。")[0][:60])
    return ParsedAgendaItem(1, title, lead.strip(), "", documents_in(lead))


def find_agenda(paragraphs: list[str], lead_index: int) -> list[ParsedAgendaItem]:
    paragraphs = paragraphs[: report_end(paragraphs, lead_index)]
    numbered = _numbered(paragraphs, lead_index)
    return numbered if numbered else _by_topic(paragraphs, lead_index)


# A paragraph that opens the report of another meeting: a chronicle's next entry ('9月12日 某县
# 人大常委会召开…', '同日 …主持召开…'), the next report on a page of several.
_OPENS_A_MEETING = re.compile(
    r"^\s*(?:\d{1,2}\s*[、.．]\s*)?(?:\d{4}年)?(?:\d{1,2}月)?(?P<day>\d{1,2}(?:[~～至-]\d{1,2})?日|同日|是日|当日)"
    r"[^。]{0,60}?(?:召开|举行)"
)
# A news list's next entry ('●5月6日 市人大常委会主任甲某到某区检查…'): another event, whatever it is.
_LIST_ENTRY = re.compile(r"^\s*[●○◆◇■□▲△▶►★☆•◎※]\s*(?:\d{4}年)?\d{1,2}月(?P<day>\d{1,2}日)")
_DAY = re.compile(r"(\d{1,2})日")


def report_end(paragraphs: list[str], lead_index: int) -> int:
    """The index of the first paragraph after the lead that reports another meeting (on another
    day, or '同日'), else len(paragraphs): what follows is not this meeting's business. A copy of
    the lead (a duplicated report, a headline and the report) is the same meeting."""
    lead_day = _DAY.search(paragraphs[lead_index]) if lead_index < len(paragraphs) else None
    for index in range(lead_index + 1, len(paragraphs)):
        if _LIST_ENTRY.match(paragraphs[index]):
            return index
        opening = _OPENS_A_MEETING.match(paragraphs[index])
        if not opening:
            continue
        day = _DAY.match(opening.group("day"))
        if day is None or lead_day is None or day.group(1) != lead_day.group(1):
            return index
    return len(paragraphs)


_PERFECTIVE = re.compile(r"^([^《“]{0,8}?(?:议|究|取|习|达|彻|定|论|署|过|报|审|决|酿|布|立|行|排))了")


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
    after_lead = paragraphs[lead_index + 1 :]
    headed = _headed_list(after_lead)
    if not headed or not _a_list_of_matters(headed, after_lead):
        return []
    headed = [(title, body) for title, body, _ in headed]
    items = []
    for title, body in headed:
        if _REQUIREMENT_HEADING.match(title):
            continue  # '一、会议强调': what the meeting asked for, not a matter (A5)
        items.extend(_sub_items(body) or [(title, body)])
    return [_make(i, title, "\n".join(body)) for i, (title, body) in enumerate(items, 1)]


def _headed_list(paragraphs: list[str], styles=_HEADING_STYLES) -> list[tuple[str, list[str], int]]:
    """(heading, paragraphs under it, index of the heading's paragraph) for the first numbering
    style that opens a paragraph."""
    style = None
    for paragraph in paragraphs:
        style = next((s for s in styles if s.match(paragraph)), None)
        if style:
            break
    if style is None:
        return []
    items: list[tuple[str, list[str], int]] = []
    expected = 1
    for index, paragraph in enumerate(paragraphs):
        m = style.match(paragraph)
        if m and to_int(m.group(1)) == expected:
            expected += 1
            heading = paragraph[m.end() :]
            title, _, rest = heading.partition("。") if len(heading) > 60 or "。" in heading[:-1] else (heading, "", "")
            items.append((_topic_title(title), [rest] if rest else [], index))
        elif items:
            items[-1][1].append(paragraph)
    return items


# Numbered headings that are not the meeting's matters (LABELLING.md Clarifications): a section
# '会议强调'/'会议要求'; the parts of a report ('报告分四个部分：一、…'); an aggregator's numbers
# before the sentences of an article ('1. 3月5日，县委召开…'); page furniture ('1、留言勿…').
_REQUIREMENT_HEADING = re.compile(r"^(?:会议|会上)?(?:强调|要求|指出|认为|提出|号召)[：:，,]?")
_PARTS_ANNOUNCED = re.compile(
    r"(?:[分有包括][一二三四五六七八九十\d]+个?(?:部分|方面)|(?:强调|要求|指出|提出)(?:如下)?)[：:]?\s*$"
)
_ARTICLE_SENTENCE = re.compile(r"^[^，,。]{0,12}?\d{1,2}月\d{1,2}日.{0,60}?(?:召开|举行)")
_MATTER_WORDS = re.compile(r"关于|议题|事项|其他|其它")


def _a_list_of_matters(headed: list[tuple[str, list[str], int]], paragraphs: list[str]) -> bool:
    titles = [title for title, _, _ in headed]
    first = headed[0][2]
    if first and _PARTS_ANNOUNCED.search(paragraphs[first - 1]):
        return False
    if any(_ARTICLE_SENTENCE.match(title) for title in titles):
        return False
    return any(_names_a_matter(title) for title in titles)


def _names_a_matter(title: str) -> bool:
    return bool(_AGENDA_CLAUSE.match(title) or _ACTOR_CLAUSE.match(title) or _MATTER_WORDS.search(title))


def _sub_items(body: list[str]) -> list[tuple[str, list[str]]]:
    """'二、传达学习和通报议题 （一）传达学习… （二）听取…': the numbered matters under a heading."""
    sub = [(title, lines) for title, lines, _ in _headed_list(body)]
    return sub if len(sub) > 1 and all(_names_a_matter(title) for title, _ in sub) else []


def _topic_title(title: str) -> str:
    """'会议还审议了…' → '审议…': the title starts with what was done."""
    m = _CLAUSE_START.match(title) or _AGENDA_CLAUSE.match(title)
    if m and title.startswith(("会议", "会上", "大会", "本次")):
        return m.group("verb") + title[m.end() :]
    if _PERSONNEL_BUSINESS.match(title):  # '会议进行了人事任免' → '进行人事任免'
        return re.sub(rf"^{_MEETING_SUBJECT}", "", title)
    return title


# Paragraph-style minutes (LABELLING.md rules A2–A5): one item per matter the meeting handled.
_AGENDA_VERB = "(?:" + "|".join(sorted(data_lines("agenda_verbs.txt"), key=len, reverse=True)) + ")(?!会)"
# How the meeting is the subject: '会议…', '会上…', '本次主席会议…', '主任会议…', '首先…'.
_MEETING_SUBJECT = (
    r"(?:会议(?:中|上)[，,])?(?:(?:大会|会议|会上|全会|(?:会上[，,]?)?(?:与会(?:同志|人员|代表|委员)|[^，,。]{0,8}?成员(?=认真|集中|共同|学习|听取|审议|讨论))|本次[^，,]{0,6}会议|[^，,。]{0,8}?会议(?=听取|审议|研究|讨论|传达|学习|通过|决定))?"
    r"(?:首先|其次|随后|接着|然后|最后|同时|此外|另外)?[，,]?(?:还|先后|分别|集中|认真|书面|专题|重点|逐项|集体|一并|依次|一致|举手|无记名|投票|依法|共同|成功|顺利)*"
    # how it voted: '会议以举手表决的方式，通过…', '以无记名投票方式任命…'
    r"(?:以[^，,。]{1,12}?方式[，,]?)?)"
)
_AGENDA_CLAUSE = re.compile(rf"^{_MEETING_SUBJECT}(?P<verb>{_AGENDA_VERB})了?")
# Someone who acts for the meeting: '由X通报了…', '区发改局通报了…', 'X作2016年工作汇报', '各单位作表态发言'
# (a closing or keynote speech, 作总结发言/作重要讲话, is not a matter handled).
_ACTOR_CLAUSE = re.compile(
    r"^(?:会上[，,])?(?:由)?[^，,。；;]{2,40}?(?:分别|先后|还)?(?P<verb>通报|介绍|宣读|领学了|带领(?:大家|与会人员)?学习|传达(?!学习|贯彻)|(?:作|进行)了?(?!总结|重要)[^，,。；;]{0,25}?(?:汇报|报告|发言|交流|培训|解读)|汇报|作了?通报"
    # '甲某就《…方案》作了说明': the explanation of a matter put to the meeting
    r"|就[^，,。；;]{2,60}?作了?(?:有关|相关)?说明"
    # '会上，甲某还对某会议筹备工作进行了安排部署': work deployed is a matter handled
    r"|[对就][^，,。；;]{2,30}?(?:进行了?|作了?|作出)(?:安排)?部署)"
)
_REQUIREMENT = re.compile(r"^(?:会议|会上|[^，,。]{0,20}?)(?:指出|强调|要求|认为|提出|号召|希望|表示)")
_BEFORE_MEETING = re.compile(r"^(?:会前|会后|此前|会议期间)")
# 'the proposed agenda of the next session is: …' — items of a later meeting.
_FUTURE_AGENDA = re.compile(r"[，,]?(?:建议)?(?:议程|议题)(?:还有|为|是|包括|如下)[:：]?")
# '会议审议通过了上述报告': the matters named before, not a new one.
_BACK_REFERENCE = re.compile(r"^(?:上述|以上|前述)")
# '并审议了人事任免议案' after a report heard: a second matter, not a follow-up on the first.
_NEW_MATTER_AFTER_AND = re.compile(
    r"^并(?:审议|听取|研究|讨论|学习)了?(?!上述|以上|前述|该|其|有关意见|意见)[^，,]{0,30}"
    r"(?:议案|报告|汇报|方案|请示|名单|办法|事项|决定|草案|》)$"
)
_FOLLOW_UP = re.compile(
    r"^(?:并|同时)|"
    r"^[^，,]{0,12}(?:上述|以上|前述)|^(?:原则)?(?:同意|通过|决定)(?:提交|提请|报请|上报)|^[^，,]{0,20}(?:分别)?作了?(?:汇报|说明)$|^(?:研究|提出)(?:了)?[^，,]{0,12}?(?:贯彻|落实)|^(?:原则|会议原则)?(?:通过|同意)[^，,]{0,6}(?:实施意见|贯彻意见|意见)"
)
_EXPLICIT_COUNT = re.compile(
    r"(?:等)?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})(?:项|个|份|件|部)"
    r"(?=[^，,；;。]{0,6}(?:议题|事项(?!目)|文件|精神|报告|建议|名单|议案|材料|请示|方案|决定|意见|办法))"
)
_DOCUMENT_END = re.compile(
    r"(?:报告|汇报|通报|说明|意见|办法|方案|请示|议案|决定|决议|名单|安排|计划|规划|草案|稿|[)）》]|材料|条例|细则|规定)$"
)
_TITLED_REPORT = re.compile(r"关于|《")
_NAMED_REPORT = re.compile(r"^.{6,}(?:情况|工作)(?:报告|汇报)$")  # '我县…应急工作情况报告'
# '有关人事任免事项，决定接受甲某辞去…；任命乙某为…': decisions that expand the personnel clause
# before them are that clause's matter (LABELLING.md Clarifications, personnel business).
_PERSONNEL_DECISION = re.compile(
    rf"^(?:会议)?(?:还)?(?:决定)?(?P<verb>{'|'.join(sorted(data_lines('personnel_decision_verbs.txt'), key=len, reverse=True))})"
)
# '会议接受了甲某辞去…的请求，任命乙某为…': the meeting's own decision on people opens a matter.
_PERSONNEL_CLAUSE = re.compile(
    rf"^{_MEETING_SUBJECT}(?:{'|'.join(sorted(data_lines('personnel_decision_verbs.txt'), key=len, reverse=True))})"
)
_PERSONNEL_TOPIC = re.compile("|".join(data_lines("personnel_topic_words.txt")))
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
    if _PERSONNEL_DECISION.match(title) and any(_PERSONNEL_TOPIC.search(t) for t, _ in body_items):
        return True  # '…会议召开，任命甲某为…' then '会议讨论决定了有关人事任免'
    topic = _topic_of(title)
    pairs = {topic[i : i + 2] for i in range(len(topic) - 1)} - _COMMON_PAIRS
    covered = "".join(t for t, _ in body_items)
    return bool(pairs) and sum(p in covered for p in pairs) / len(pairs) > 0.5


def _after_meeting_name(sentence: str) -> str:
    """'…主持召开区政府常务会议，研究部署了…': the clauses after the one that names the meeting."""
    m = re.search(
        r"(?:召开|举行)[^，,。]*?(?:会议|会)[^，,。]*[，,]|(?:会议|会)[^，,。]{0,20}?(?:召开|举行)[，,]", sentence
    )
    return sentence[m.end() :] if m else ""


# A photograph's caption, a line wholly in brackets ('（镇长甲某作政府工作报告）'), shows a matter
# the report names in its own words: not one more.
_CAPTION = re.compile(r"^[（(][^（）()]{2,80}[)）]$")


def _matters(paragraphs: list[str], lead: bool = False) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    keys: list[str] = []
    for paragraph in paragraphs:
        if _CAPTION.match(paragraph.strip()):
            continue
        for sentence in re.split(r"[。！!]", paragraph):
            sentence = _LEGAL_BASIS.sub("", sentence.strip())
            if not sentence or _REQUIREMENT.match(sentence) or _BEFORE_MEETING.match(sentence):
                continue
            stated = _STATED_TOTAL.search(sentence)
            if stated:
                found.extend((title, paragraph) for title in _stated_matters(sentence, stated))
                continue
            future = _FUTURE_AGENDA.search(sentence)
            if future and not _AGENDA_CLAUSE.match(sentence):
                continue
            if future:
                sentence = sentence[: future.start()]
            titles = _sentence_matters(sentence, lead)
            while titles and found and _PERSONNEL_DECISION.match(titles[0]) and _PERSONNEL_TOPIC.search(found[-1][0]):
                titles = titles[1:]  # the decisions of the personnel business named just before
            for title in titles:
                key = re.sub(r"[“”\"《》\s了的,，、]", "", title)
                key = re.sub(rf"^{_MEETING_SUBJECT}", "", key)
                topic = _topic_of(title)
                if len(key) < 2 or _NO_TOPIC.match(topic) or _BACK_REFERENCE.match(topic) or _restated(key, keys):
                    continue
                keys.append(key)
                found.append((title, paragraph))
    return found


# '本次大会共有三项议程：通过…；通过…；选举…', '会议共有九项议题：一是…': the report says how many
# matters there are, and that number wins (rule A2) even where their clauses are written otherwise.
_STATED_TOTAL = re.compile(r"共(?:有)?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})(?:项|个)(?:议程|议题)[：:，,]?\s*")
_ITEM_MARKS = re.compile(
    r"(?:^|(?<=[；;，,。：:]))\s*(?:\d{1,2}\s*[、．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|[一二三四五六七八九十]是[，,、]?)"
)


def _stated_matters(sentence: str, stated: re.Match) -> list[str]:
    """The matters after the stated total, one per semicolon part when there are as many as it
    says, else the sentence itself (which then counts as that many)."""
    rest = sentence[stated.end() :]
    marks = list(_ITEM_MARKS.finditer(rest))
    if marks:  # '1、…；2、…' or '一是…；…；…' (the marks, not the semicolons, part the matters)
        pieces = [
            rest[m.end() : (marks[i + 1].start() if i + 1 < len(marks) else len(rest))] for i, m in enumerate(marks)
        ]
    else:
        pieces = re.split(r"[；;]", rest)
    parts = [piece.strip(" ；;，,") for piece in pieces if piece.strip(" ；;，,")]
    return parts if len(parts) == to_int(stated.group("n")) else [sentence]


def stated_total(items: list[ParsedAgendaItem]) -> int | None:
    for item in items:
        m = _STATED_TOTAL.search(item.title) or _STATED_TOTAL.search(item.text)
        if m:
            return to_int(m.group("n"))
    return None


# '根据《…组织法》的有关规定，会议审议通过有关人事任免事项': the basis the meeting acted on.
_LEGAL_BASIS = re.compile(r"^(?:会议)?(?:根据|依据|依照|按照)[^，,。；;]{2,60}?(?:规定|要求|提请|建议|提名)[，,]")


def _restated(key: str, keys: list[str]) -> bool:
    """The same matter said again, perhaps in other words ('召开市人大常委会第十六次会议' and, later,
    '召开市十五届人大常委会第十六次会议'): nearly every pair of characters of one is in the other."""
    if key in keys:
        return True
    pairs = _pairs(key)
    for other in keys:
        shorter, longer = sorted((pairs, _pairs(other)), key=len)
        if len(shorter) >= 8 and len(shorter - longer) <= 1 and len(longer - shorter) <= 5:
            return True
    return False


@lru_cache(maxsize=4096)
def _pairs(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def _sentence_matters(sentence: str, lead: bool) -> list[str]:
    """The matters of one sentence: each semicolon part, each clause that opens with a new verb
    (not a follow-up such as '研究贯彻意见'), each separately titled document heard or reviewed."""
    enumerated = _ENUMERATION.sub("，", sentence).lstrip("，,")
    if not lead and not any(_opens_business(part) for part in re.split(r"[；;]", enumerated)):
        return []
    titles: list[str] = []
    separately = bool(_SEPARATELY.match(enumerated))
    for part_index, part in enumerate(re.split(r"[；;]", enumerated)):
        part = _LEGAL_BASIS.sub("", part.strip())  # '…；根据秘书长的提名，通过了副秘书长名单'
        current: str | None = None
        for clause in _CLAUSE.finditer(_verb_after_enumeration_comma(part)):
            text = _ENUMERATION_MARK.sub("", clause.group().strip())
            opens = _AGENDA_CLAUSE.match(text) or _ACTOR_CLAUSE.match(text) or _PERSONNEL_BUSINESS.match(text)
            object_first = None if opens else _OBJECT_FIRST.match(text)
            if object_first:  # titled verb first: '对2015年工作进行总结' -> '总结2015年工作'
                text = opens = object_first.group("verb") + object_first.group("object")
            if _NEW_MATTER_AFTER_AND.match(text):
                text = text[1:]  # '并审议了…议案': a matter of its own, titled without the 并
                opens = _AGENDA_CLAUSE.match(text)
            decision = _PERSONNEL_DECISION.match(text)
            if current is None and decision and titles and _PERSONNEL_TOPIC.search(titles[-1]):
                current = titles.pop() + "；" + text  # '…人事任免事项，…；任命乙某为…'
            elif current is None and not opens and not decision and titles and _PERSONNEL_DECISION.match(titles[-1]):
                current = titles.pop() + "；" + text  # '免去甲某…职务；乙某的…职务': the same decision goes on
            elif current is None and (opens or decision or (part_index > 0 and not lead)):
                current = text
            elif decision and _PERSONNEL_TOPIC.search(current):
                current += "，" + text
            elif decision and _new_decision_verb(decision, current):
                titles.extend(_split_documents(current, separately))  # '接受甲某辞去…，任命乙某为…':
                current = text  # a new verb on other people is a decision of its own
            elif opens and not _FOLLOW_UP.match(text):
                titles.extend(_split_documents(current, separately))
                current = text
            elif current is not None:
                current += "，" + text
        if current:
            titles.extend(_split_documents(current, separately))
    return titles


# '传达学习了…精神、听取了关于…的汇报': a verb after 、 opens the next matter, as after a comma.
# The verb must read as one ('听取了', '研究《…》'): '审议…民主生活会、学习教育整改有关材料' is one matter.
_VERB_AFTER_ENUMERATION_COMMA = re.compile(
    r"(?<=[^、，,；;]{8})、(?=(?:研究|听取|审议|传达学习|学习|讨论|通报|审定)(?:了|《|关于)[^、，,；;]{4})"
)


def _verb_after_enumeration_comma(part: str) -> str:
    return _VERB_AFTER_ENUMERATION_COMMA.sub("，", part)


def _opens_business(part: str) -> bool:
    """A clause that reports business done: '会议审议了…', '甲某作了…汇报', '任命乙某为…', or
    '会议进行了人事任免' (a later part of '会议进行了人事任免；听取了…' may be the first that does)."""
    part = part.strip()
    return bool(
        _AGENDA_CLAUSE.match(part)
        or _ACTOR_CLAUSE.match(part)
        or _PERSONNEL_CLAUSE.match(part)
        or _PERSONNEL_BUSINESS.match(part)
    )


# '会议进行了人事任免': personnel business named, without a decision verb.
_PERSONNEL_BUSINESS = re.compile(
    rf"^{_MEETING_SUBJECT}进行了?(?:有关)?(?:{'|'.join(data_lines('personnel_topic_words.txt'))})"
)


# '会议对2015年工作进行总结，对先进单位进行表彰': the matter written before its verb.
_OBJECT_FIRST = re.compile(
    rf"^{_MEETING_SUBJECT}对(?P<object>[^，,。；;]{{2,40}}?)(?:进行了?|作了?)(?P<verb>传达|总结|表彰|审议|研究|讨论|学习|通报|安排部署|动员部署|部署)$"
)


def _new_decision_verb(decision: re.Match, current: str) -> bool:
    """'接受甲某辞去…，任命乙某为…': another verb on other people; '任命甲某…，任命乙某…' is the same."""
    before = _PERSONNEL_DECISION.match(current)
    return bool(before) and before.group("verb").removeprefix("决定") != decision.group("verb").removeprefix("决定")


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
    listed = _LIST_TAIL.sub("", listed)  # '《甲》、《乙》等内容': the last title ends at its 》
    if separately:
        pattern = r"[、，,]|以及|(?<=》)(?:和|及|)(?=《)"
    elif heard:
        pattern = r"、|(?<=》)(?:和|及|以及|)(?=《)"
    else:
        # 《titles》, and motions or reports listed with 、 ('关于甲的议案、关于乙的议案')
        pattern = r"(?<=》)(?:、|和|及|以及|)(?=《)|(?<=议案|报告|请示)、"
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
    if heard and not all(_TITLED_REPORT.search(d) or _NAMED_REPORT.search(d) for d in documents):
        return [listed]  # '听取各代表团审议政府、计划、财政工作情况汇报': one report on several matters
    if heard:
        return [report for document in documents for report in _reports_joined(document)]
    return documents


# '听取甲的汇报和乙的情况汇报': two reports heard, each ending in its own report noun.
_REPORT_JOINER = re.compile(r"(?:(?<=汇报)|(?<=报告)|(?<=》))(?:和|及|以及)")
_REPORT_END = re.compile(r"(?:(?:的|情况|》)(?:汇报|报告)|》)$")
_LIST_TAIL = re.compile(r"(?:(?<=》)|(?<=议案)|(?<=报告)|(?<=请示))等(?:内容|文件|材料)?$")


def _reports_joined(listed: str) -> list[str]:
    parts = _REPORT_JOINER.split(listed)
    if len(parts) > 1 and all(len(p) >= 6 and _REPORT_END.search(p) for p in parts):
        return parts
    return [listed]


def explicit_count(title: str) -> int:
    """The number of matters a clause says it covers ('等8项文件精神', '三份建议书和三个名单'), else 0."""
    return sum(to_int(n) or 0 for n in _EXPLICIT_COUNT.findall(title))


def agenda_count(items: list[ParsedAgendaItem]) -> int:
    """How many matters the meeting handled: an item that says it covers N counts N, and a report
    that says how many matters it has ('共有九项议题') has that many (rule A2)."""
    return stated_total(items) or sum(max(1, explicit_count(item.title)) for item in items)


def _topic_of(title: str) -> str:
    m = _AGENDA_CLAUSE.match(title)
    return re.sub(r"[“”\"《》\s了的]", "", title[m.end() :] if m else title)
