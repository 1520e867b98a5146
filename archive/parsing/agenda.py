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
    r"^(?:(?:其他|其它)(?:有关|相关)?(?:事项|工作|问题)|以下(?:几项|几个)?(?:事项|议题|工作|问题)[：:]?)$"
)
# "会议研究了以下事项：一是研究…；二是听取…": the enumeration marks where each topic starts.
_ENUMERATION = re.compile(
    r"(?:^|[：:])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|再次|最后)[，,、]?"
)
_DOCUMENT = re.compile(r"《([^《》\n]{1,120})》")
_KINDS = (
    ("hearing", re.compile(r"^听取")),
    ("review", re.compile(r"^(?:审议|审定|讨论通过)")),
    ("study", re.compile(r"^(?:传达|学习|集体学习|专题学习)")),
    ("deliberation", re.compile(r"^(?:研究|讨论|部署)")),
)


def documents_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).strip() for m in _DOCUMENT.finditer(text)))


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
    title = _PERFECTIVE.sub(r"\1", title.strip()).rstrip("。；;，,：:")
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
    m = _CLAUSE_START.match(title)
    if m and title.startswith(("会议", "会上")):
        return m.group("verb") + title[m.end() :]
    return title


def _by_topic(paragraphs: list[str], lead_index: int) -> list[ParsedAgendaItem]:
    found: list[tuple[str, int]] = []
    keys: list[str] = []
    for index, paragraph in enumerate(paragraphs[lead_index:], lead_index):
        for sentence in re.split(r"[。；;]", paragraph):
            sentence = _ENUMERATION.sub("，", sentence).lstrip("，")
            if index != lead_index and not _CLAUSE_START.match(sentence):
                continue
            for clause in _CLAUSE.finditer(sentence):
                m = _CLAUSE_START.match(clause.group().strip())
                if not m:
                    continue
                topic = clause.group().strip()[m.end() :]
                key = re.sub(r"[“”\"《》\s了的]", "", topic)
                if len(key) < 2 or _NO_TOPIC.match(key) or any(key in k or k in key for k in keys):
                    continue
                keys.append(key)
                found.append((m.group("verb") + topic, index))
    items = []
    for order, (title, index) in enumerate(found, 1):
        next_index = found[order][1] if order < len(found) else len(paragraphs)
        later = found[order][1] == index if order < len(found) else False
        body = [] if later else paragraphs[index + 1 : next_index]
        items.append(_make(order, title, "\n".join(body)))
    return items
