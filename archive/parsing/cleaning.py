"""From decoded text to the cleaned text the parser reads, keeping a map back to the original.

Cleaning only deletes (pinyin annotations, HTML tags left by scraping, web-page noise lines,
blank lines, edge spaces), turns an HTML entity (&ldquo;) into its one character, and converts
characters 1:1 (t2s; a known mojibake '??h' back to '。县'), so every cleaned character has one
original position.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .data import data_lines
from .script import to_simplified
from .syllables import SYLLABLES

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*([a-zA-Z{_TONED}:]{{1,7}}[1-5]?)\s*[)）]")


# What scraping leaves of a page's markup: whole script/style elements, tags, entities.
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>|<!--.*?-->"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});",
    re.I,
)
_EDGE_SPACE = " \t\u3000\xa0\ufeff"
# Characters that show nothing: zero-width spaces and joiners, bidirectional marks, overrides and
# isolates, the word joiner, a soft hyphen. Pasted or planted in a name they make 张\u200b三 another
# person than 张三, or show a name backwards; they are deleted like any markup.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v").replace("u:", "v")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.rstrip("12345")


@lru_cache(maxsize=4096)
def is_pinyin(candidate: str) -> bool:
    return _toneless(candidate) in SYLLABLES


# Lines that belong to the web page, not to the minutes (matched on simplified text).
_NOISE_LINE = re.compile(
    r"^(?:"
    r"(?:信息|文章|新闻)?来源\s*[:：]|稿源\s*[:：]|作者\s*[:：]|撰稿人?\s*[:：]|供稿\s*[:：]|"
    r"(?:责任)?编辑\s*[:：]|责编\s*[:：]|审核\s*[:：]|审稿\s*[:：]|校对\s*[:：]|摄影\s*[:：]|通讯员\s*[:：]|记者\s*[:：]|"
    r"发布(?:者|人|机构|单位)\s*[:：]|"
    r"当前位置|您当前的?位置|您的位置|当前的位置|首页\s*[>＞»/]|"
    r"(?:原文|本文|网页|页面)?(?:链接|网址|地址)\s*[:：]\s*(?:https?://|www\.)|(?:https?://|www\.)\S+\s*$|"
    r"今天是|扫一扫|扫描二维码|分享到|分享：|上一篇|下一篇|【?\s*我要纠错|收藏本页|返回首页|返回列表|"
    r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$|"
    r"\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$|"
    r"\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]\s*$"
    r")"
    r"|发布时间|发布日期|发稿时间|更新时间|浏览次数|阅读次数|点击数|点击量|访问量|阅读量|浏览量|访问次数"
    r"|(?:字体|字号)\s*[:：]?\s*[\[【(（]?\s*大\s*[\]】)）]?\s*[\[【(（]?\s*中|【\s*大\s*中\s*小\s*】"
)
_CONTROLS_ONLY = re.compile(
    r"^(?:[\[【(（]?\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏|分享|保存|纠错|字号|默认|大|中|小)"
    r"\s*[\]】)）]?\s*[|｜/]?\s*)+$"
)
# Everything from one of these lines to the end is the page around the minutes.
_TAIL_MARKER = re.compile(
    r"^[【\[]?\s*(?:" + "|".join(map(re.escape, data_lines("page_tail_markers.txt"))) + ")|^(?:Copyright|©)|ICP备"
)
_PUBLICATION_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# '09.01.2015 12:19': day, month, year, as some sites print it.
_DAY_FIRST_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})")
# '11/20/2021': month first, as a page's byline may print it (only when the day tells: over 12).
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})")
# A page's byline: a full date with where the page came from or how often it was read
# ('2015-09-23 来源: 某区', '时间:2023-04-04 20:19:24 来源:某新媒', '發表時間:11/20/2021 瀏覽 138 次').
# In either script: a simplified page may keep a traditional byline.
# The word is a label: a separator follows it ('来源:', '浏览 138 次'), and 作者 is not 工作者.
_BYLINE_WORD = re.compile(
    r"(?:[来來]源|(?<!工)作者|人[气氣]|[浏瀏][览覽]|[点點][击擊]|[发發][表布][时時][间間])[:：\s]"
)
# A byline is no sentence: '2023年5月8日，县政府召开常务会议，研究资金来源问题。' is the lead.
_SENTENCE_MARK = re.compile(r"[，。；,;]")
_BYLINE_MAX = 80  # characters: a sentence of the minutes that names a source is longer
_BYLINE_OPENING = 10  # characters before the date or the word: '[焦点] 时间:2024-04-28 …'
_URL = re.compile(r"(?:https?://|www\.)\S+")  # a page's address is not its publication date
_WEEKDAY_LINE = re.compile(r"^今天是|星期[一二三四五六日天]\s*$")


@dataclass
class OffsetMap:
    """Cleaned-text offsets to raw-text offsets, as runs of consecutive characters."""

    clean_starts: list[int]
    raw_starts: list[int]

    def to_raw(self, clean_offset: int) -> int:
        if not self.clean_starts:
            return clean_offset
        k = bisect_right(self.clean_starts, clean_offset) - 1
        if k < 0:
            k = 0
        return self.raw_starts[k] + clean_offset - self.clean_starts[k]


@dataclass
class CleanedText:
    text: str
    offsets: OffsetMap
    publication_date: tuple[int, int, int] | None


class _Builder:
    def __init__(self):
        self.parts: list[str] = []
        self.clean_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.length = 0

    def add(self, piece: str, raw_start: int):
        if not piece:
            return
        self.parts.append(piece)
        self.clean_starts.append(self.length)
        self.raw_starts.append(raw_start)
        self.length += len(piece)


def clean(raw_text: str, traditional: bool) -> CleanedText:
    builder = _Builder()
    publication_date = None
    pos = 0
    for raw_line in raw_text.splitlines(keepends=True):
        line_start = pos
        pos += len(raw_line)
        body = raw_line.rstrip("\r\n")
        stripped = body.strip(" \t\u3000\xa0\ufeff")
        if not stripped:
            continue
        offset = line_start + body.index(stripped[0])
        pieces = _without_pinyin(stripped, offset)
        if _INVISIBLE.search(stripped):
            pieces = _without_invisible(pieces)
            if not pieces:
                continue
        if "<" in stripped or "&" in stripped:
            pieces = _without_markup(pieces)
            if not pieces:
                continue
        if "??h" in stripped:
            pieces = _lost_full_stop_and_county(pieces)
        line = "".join(p for p, _ in pieces)
        if traditional:
            line = to_simplified(line)
            pieces = _resplit(line, pieces)
        if _TAIL_MARKER.search(line):
            break
        if _is_noise(line):
            publication_date = publication_date or _publication_date(line)
            continue
        if builder.length:
            builder.add("\n", line_start - 1 if line_start else 0)
        for piece, raw_start in pieces:
            builder.add(piece, raw_start)
    return CleanedText("".join(builder.parts), OffsetMap(builder.clean_starts, builder.raw_starts), publication_date)


# One store's pinyin-annotated pages lost '。縣(xiàn)' to '??h' (参加会议??h委常委…, 確??h政協): the
# first '?' was the full stop, the 'h' what is left of 縣.
_LOST_COUNTY = re.compile(r"\?\?h(?=[\u4e00-\u9fff])")


def _lost_full_stop_and_county(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out = []
    for piece, raw_start in pieces:
        at = 0
        for m in _LOST_COUNTY.finditer(piece):
            out.append((piece[at : m.start()], raw_start + at))
            out.append(("。", raw_start + m.start()))
            out.append(("县", raw_start + m.start() + 2))
            at = m.end()
        out.append((piece[at:], raw_start + at))
    return [(p, start) for p, start in out if p]


def _without_markup(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Tags go; an entity becomes its character (mapped to the entity's first position)."""
    out = []
    for piece, raw_start in pieces:
        last = 0
        for m in _MARKUP.finditer(piece):
            out.append((piece[last : m.start()], raw_start + last))
            if m.group().startswith("&"):
                char = html.unescape(m.group())
                out.append((" " if char == "\xa0" else char, raw_start + m.start()))
            last = m.end()
        out.append((piece[last:], raw_start + last))
    return _trimmed([(p, o) for p, o in out if p])


def _trimmed(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    while pieces and not pieces[0][0].strip(_EDGE_SPACE):
        pieces = pieces[1:]
    while pieces and not pieces[-1][0].strip(_EDGE_SPACE):
        pieces = pieces[:-1]
    if pieces:
        first, at = pieces[0]
        kept = first.lstrip(_EDGE_SPACE)
        pieces[0] = (kept, at + len(first) - len(kept))
        pieces[-1] = (pieces[-1][0].rstrip(_EDGE_SPACE), pieces[-1][1])
    return pieces


def _without_pinyin(line: str, offset: int) -> list[tuple[str, int]]:
    """Split a line around pinyin annotations such as 區(qū); real parentheses stay."""
    pieces = []
    last = 0
    for m in _PINYIN_ANNOTATION.finditer(line):
        if not is_pinyin(m.group(1)):
            continue
        pieces.append((line[last : m.start()], offset + last))
        last = m.end()
    pieces.append((line[last:], offset + last))
    return [(p, o) for p, o in pieces if p]


def visible(text: str) -> str:
    """The text without the characters that show nothing (a name as written, for storing)."""
    return _INVISIBLE.sub("", text)


def _without_invisible(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out = []
    for piece, raw_start in pieces:
        last = 0
        for m in _INVISIBLE.finditer(piece):
            out.append((piece[last : m.start()], raw_start + last))
            last = m.end()
        out.append((piece[last:], raw_start + last))
    return _trimmed([(p, o) for p, o in out if p])


def _resplit(converted: str, pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out, at = [], 0
    for piece, raw_start in pieces:
        out.append((converted[at : at + len(piece)], raw_start))
        at += len(piece)
    return out


def _is_noise(line: str) -> bool:
    return bool(
        _NOISE_LINE.search(line)
        or _CONTROLS_ONLY.match(line)
        or any(phrase in line for phrase in data_lines("page_furniture.txt"))
        or _is_byline(line)
    )


def _is_byline(line: str) -> bool:
    """The line opens with the date or the byline word: a headline run into its byline on one
    line ('某某会议召开 2024-09-27 来源:某报') is the headline, kept."""
    if len(line) > _BYLINE_MAX or _SENTENCE_MARK.search(line) or not (word := _BYLINE_WORD.search(line)):
        return False
    date = _PUBLICATION_DATE.search(line) or _SLASHED_DATE.search(line)
    return bool(date) and min(word.start(), date.start()) <= _BYLINE_OPENING


def _publication_date(line: str) -> tuple[int, int, int] | None:
    if _WEEKDAY_LINE.search(line):
        return None
    m = _PUBLICATION_DATE.search(_URL.sub("", line))
    if m:
        year, month, day = (int(g) for g in m.groups())
    elif (m := _DAY_FIRST_DATE.match(line)) and int(m.group(2)) <= 12:
        day, month, year = (int(g) for g in m.groups())
    elif (m := _SLASHED_DATE.search(line)) and int(m.group(2)) > 12:
        month, day, year = (int(g) for g in m.groups())
    else:
        return None
    if 1 <= month <= 12 and 1 <= day <= 31:
        return year, month, day
    return None
