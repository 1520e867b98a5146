"""Chinese and Arabic numerals, and the meeting date."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "〇零○Ｏ一二两三四五六七八九十百千"


def to_int(numeral: str) -> int | None:
    """'25', '２５', '二十五', '一百零三', '二〇二〇' (digit by digit) -> int."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral.isdigit():
        return int(unicodedata_digits(numeral))
    if not any(c in _UNITS for c in numeral):
        if all(c in _DIGITS for c in numeral):
            return int("".join(str(_DIGITS[c]) for c in numeral))
        return None
    total, current = 0, 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            return None
    return total + current


def unicodedata_digits(text: str) -> str:
    return "".join(str(int(c)) for c in text)


_NUM = rf"(?:\d{{1,4}}|[０-９]{{1,4}}|[{CN_NUMERAL}]{{1,5}})"
DATE_RE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[０-９]{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})\s*年\s*)?"
    rf"(?P<month>{_NUM})\s*月\s*(?P<day>{_NUM})\s*[日号]"
    r"\s*(?:[(（]?星期[一二三四五六日天][)）]?)?\s*(?P<part>上午|下午|晚上|晚间|傍晚|早上|中午|晚(?![会报]))?"
)
_PART_OF_DAY = {
    "上午": "上午",
    "早上": "上午",
    "中午": "下午",
    "下午": "下午",
    "傍晚": "晚上",
    "晚上": "晚上",
    "晚间": "晚上",
    "晚": "晚上",
}


# A day alone at the start of a lead ('29日上午，…'), or month and day run together by a
# scraper that lost '月' ('1030日' = 10月30日).
_DAY_ONLY = re.compile(
    r"^(?:[^，,。；;]{0,30}?(?:讯|电)\s*)?(?:[(（][^()（）]{0,30}[)）])?\s*(?P<day>\d{1,4}|[一二三十]{1,3})\s*[日号]"
    r"\s*(?P<part>上午|下午|晚上|晚间|傍晚|早上|中午|晚(?![会报]))?"
)
# A dateline ('新华社北京8月28日电', '本报2023年4月21日讯'): when the report was filed, not the meeting.
_DATELINE_END = re.compile(r"^\s*(?:讯|电(?![话视力子网商影]))")
# 'the meeting decided to hold the session on 10月25日': a date of another, later event.
_FUTURE = re.compile(r"(?:定于|将于|拟于|计划于|预计于|至|到|截至)\s*$")


@dataclass(frozen=True)
class FoundDate:
    year: int | None
    month: int | None
    day: int | None
    part_of_day: str | None
    start: int
    end: int


def find_date(text: str) -> FoundDate | None:
    """The first plausible month-day date in ``text`` that is not the date of a later event."""
    for m in DATE_RE.finditer(text):
        if _FUTURE.search(text[max(0, m.start() - 4) : m.start()]) or _DATELINE_END.match(text[m.end() : m.end() + 3]):
            continue
        month, day = to_int(m.group("month")), to_int(m.group("day"))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        year = to_int(m.group("year")) if m.group("year") else None
        if year is not None and not 1949 <= year <= 2100:
            year = None
        part = _PART_OF_DAY.get(m.group("part") or "")
        return FoundDate(year, month, day, part, m.start(), m.end())
    return None


def dateline_year(text: str) -> int | None:
    """The year of a dateline: a dateline gives the year of the report (LABELLING, Clarifications)."""
    for m in DATE_RE.finditer(text):
        if _DATELINE_END.match(text[m.end() : m.end() + 3]) and m.group("year"):
            year = to_int(m.group("year"))
            return year if year and 1949 <= year <= 2100 else None
    return None


def find_lead_date(text: str) -> FoundDate | None:
    """The date of a lead paragraph: a month-day date, else a day alone at its start."""
    found = find_date(text)
    if found:
        return found
    m = _DAY_ONLY.match(text)
    if not m:
        return None
    part = _PART_OF_DAY.get(m.group("part") or "")
    digits = m.group("day")
    if len(digits) >= 3 and digits.isdigit():
        month, day = int(digits[:-2]), int(digits[-2:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return FoundDate(None, month, day, part, m.start(), m.end())
        return None
    day = to_int(digits)
    if day is None or not 1 <= day <= 31:
        return None
    return FoundDate(None, None, day, part, m.start(), m.end())
