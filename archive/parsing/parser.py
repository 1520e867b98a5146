"""parse_document: a Document (and the run's options) in, ParsedMinutes out. The one entry point."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from ..intake import Document, IntakeError
from ..intake.decoding import decode_bytes
from ..intake.documents import OCR_ENCODING
from .agenda import agenda_count, documents_in, find_agenda, report_end, the_meeting_as_its_matter
from .appointments import appointee_spans, find_appointments
from .cleaning import clean
from .dates import dateline_year, find_date, find_lead_date
from .meeting import LEVEL, find_body
from .options import LoadOptions
from .people import find_participants
from .result import ParsedMeeting, ParsedMinutes, ParseError, ParseWarning, Script, WarningKind
from .review import doubts, review_warnings
from .script import is_traditional

PARSER_VERSION = "5"
_LEAD_HINT = re.compile(r"召开|主持|举行|会议")
_PARAGRAPH = re.compile(r"[^\n]+")
_RELATIVE_LEAD = re.compile(
    r"^\s*(?:[^，,。]{0,30}?(?:讯|电)\s*(?:[（(][^）)]{0,20}[）)]\s*)?)?(?:今天|今日|昨天|昨日|日前|近日)"
)
_CONVENES = re.compile(r"召开|举行|主持")
# Minutes report a meeting: one convened, held or chaired, or formal minutes with labelled lines.
# A news article or a 本报讯 report with a date has neither (issue 8).
_LABELLED_MINUTES = re.compile(r"纪要|^(?:主持|出席|列席)(?:人|人员)?\s*[:：]", re.M)
_TIME_LABEL = re.compile(r"^(?:会议)?(?:时间|日期)\s*[:：]\s*")
_MEETING_EVIDENCE = re.compile(
    r"召开|举行|主持|纪要|(?:会议|大会)(?:在[^，。]{0,20})?[开闭]幕|^(?:出席|列席|参加)(?:人员|会议)?\s*[:：]", re.M
)
# Minutes name a few dozen documents at most; an agenda item lists the documents of its paragraph,
# so the work grows with the square of their number (4,000 titles in one text took minutes).
MAX_TITLES = 300


def parse_document(document: Document, options: LoadOptions | None = None) -> ParsedMinutes:
    """The entry point of every path a file takes (load, dry run, re-parse, evaluation): an
    intake ``Document``'s text, read with its metadata (the publication date) and the options the
    run was given (``--year``, used only when the text and the page give none)."""
    year = options.year if options is not None else None
    return parse_text(document.text, encoding=document.encoding, year=year, published=document.meta.published)


def parse_minutes(data: bytes, *, year: int | None = None) -> ParsedMinutes:
    """A text file's bytes, decoded as intake decodes them (for tests and benchmarks of the parser)."""
    try:
        raw_text, encoding = decode_bytes(data)
    except IntakeError as exc:
        raise ParseError(str(exc)) from None
    return parse_text(raw_text, encoding=encoding, year=year)


def parse_text(raw_text: str, *, encoding: str = "utf-8", year: int | None = None, published=None) -> ParsedMinutes:
    """Parse decoded text. ``published`` (a date, or (year, month, day)) is the publication date a
    page's metadata gives; it comes before a publication line found in the text."""
    traditional = is_traditional(raw_text)
    cleaned = clean(raw_text, traditional)
    text = cleaned.text
    titles = text.count("《")
    if titles > MAX_TITLES:
        raise ParseError(
            f"refused: the text holds {titles:,} 《》 titles, over the limit of {MAX_TITLES} (not minutes)"
        )
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise ParseError("not meeting minutes: the file holds no Chinese text")
    if not _MEETING_EVIDENCE.search(text):
        raise ParseError(
            "not meeting minutes: no meeting is convened, held or chaired in it (召开/举行/主持) and it has no "
            "labelled minutes lines (主持：/出席：/列席：)"
        )
    paragraphs = [(m.group(), m.start()) for m in _PARAGRAPH.finditer(text)]
    lead_index = _lead_index([p for p, _ in paragraphs])
    lead_text, lead_start = paragraphs[lead_index]
    warnings: list[ParseWarning] = []

    def warn(kind: WarningKind, message: str) -> None:
        warnings.append(ParseWarning(kind, message))

    if encoding == OCR_ENCODING:
        warn(WarningKind.OCR_TEXT, "the text was read from a scan by OCR: names, dates and numbers may be misread")

    date = find_lead_date(lead_text) or _formal_minutes_date(text, [p for p, _ in paragraphs[: lead_index + 4]])
    body = _with_headline_level(find_body(lead_text), paragraphs[:lead_index]) or _body_elsewhere(
        paragraphs, lead_index
    )
    appointees = appointee_spans(text)
    participants = [
        p
        for p in find_participants(_this_report(text, paragraphs, lead_index), _chair_span(paragraphs, lead_index))
        if not _within(p, appointees)
    ]
    if body is None and date is None and not any(p.role == "chair" for p in participants):
        raise ParseError("not meeting minutes: found no meeting name (…会议), no meeting date and no chair")

    meeting_year = date.year if date else None
    if meeting_year is None and body and body.year:
        meeting_year = body.year  # (b) the meeting's own name: '2022年第14次常务会议', even with 日前
    if meeting_year is None:
        meeting_year = _year_of_headline_name([p for p, _ in paragraphs[:lead_index]])
    if date and date.month is None and date.day and meeting_year is None:
        date = _month_from_page_line(date, _ymd(published) or cleaned.publication_date, paragraphs[:lead_index])
    if (date is None or date.month is None) and meeting_year is None:
        meeting_year = dateline_year(lead_text)  # '…8月28日讯 23日', '…讯 今天上午': the year only
    if date and date.month and meeting_year is None:
        meeting_year = _year_from_heading([p for p, _ in paragraphs[:lead_index]], date.month, date.day)
    if date and date.month and meeting_year is None:
        published = (
            _ymd(published) or cleaned.publication_date or _date_line_above([p for p, _ in paragraphs[:lead_index]])
        )
        meeting_year = _year_from_publication(date.month, date.day, published)
        if meeting_year is not None:
            warn(
                WarningKind.YEAR_FROM_PUBLICATION_DATE,
                f"the text gives no year; {meeting_year} is taken from the page's publication date",
            )
        elif year is not None:
            meeting_year = year
            warn(WarningKind.YEAR_FROM_OPTION, f"the text gives no year; {year} is taken from --year")
        else:
            warn(WarningKind.YEAR_MISSING, "the text gives no year; pass --year or set it in the admin")
    if date is None:
        warn(WarningKind.DATE_MISSING, "the text gives no meeting date")
    elif date.month is None:
        warn(WarningKind.DATE_MISSING, "the text gives the day of the meeting but not the month")
    elif meeting_year is not None and not _real_date(meeting_year, date.month, date.day):
        warn(WarningKind.DATE_INVALID, f"{meeting_year}年{date.month}月{date.day}日 is not a calendar date")
    if body is None:
        warn(WarningKind.BODY_MISSING, "no meeting name (…会议) was found")
    if not any(p.role == "chair" for p in participants):
        warn(WarningKind.CHAIR_MISSING, "no chair (主持) was found")
    agenda = find_agenda([p for p, _ in paragraphs], lead_index)
    if not agenda:
        # Every meeting handles at least one matter (LABELLING.md: no gold count is 0): a report
        # that lists none, a 动员会 or a plenary opened, handled the one its name states.
        agenda = [the_meeting_as_its_matter(lead_text, body.body if body else None)]
        warn(
            WarningKind.UNCERTAIN_AGENDA,
            "no listed matter was found: the meeting's own subject is recorded as its one item; check the agenda",
        )
    warnings.extend(
        review_warnings(text, [p for p, _ in paragraphs], participants, agenda, agenda_count(agenda) or len(agenda))
    )

    meeting = ParsedMeeting(
        year=meeting_year,
        month=date.month if date else None,
        day=date.day if date else None,
        part_of_day=date.part_of_day if date else None,
        body=body.body if body else None,
        session_number=body.session_number if body else None,
        locality=body.locality if body else None,
        participants=participants,
        agenda_items=agenda,
        documents=documents_in(text),
        warnings=warnings,
        appointments=find_appointments(_this_report(text, paragraphs, lead_index)),
        agenda_item_count=agenda_count(agenda),
        doubts=doubts(warnings, text, text[: lead_start + len(lead_text)]),
    )
    return ParsedMinutes(
        encoding, Script.TRADITIONAL if traditional else Script.SIMPLIFIED, raw_text, text, meeting, cleaned.offsets
    )


def _year_of_headline_name(headlines: list[str]) -> int | None:
    """A year in the meeting's name as the headline gives it ('理论中心组2023年第5次学习会议')."""
    for paragraph in headlines:
        named = find_body(paragraph)
        if named and named.year:
            return named.year
    return None


def _month_from_page_line(date, published, headlines):
    """'13日' under a page line '2016/5/16': the month (and year) of the page, or the month
    before when the day is later than the page's (a report is published after the meeting)."""
    published = published or _date_line_above([p for p, _ in headlines])
    if not published:
        return date
    year, month, day = published
    if date.day > day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return replace(date, year=year, month=month)


def _this_report(text: str, paragraphs: list[tuple[str, int]], lead_index: int) -> str:
    """The text up to where a page goes on to report another meeting (its decisions are not ours)."""
    end = report_end([p for p, _ in paragraphs], lead_index)
    return text[: paragraphs[end][1]] if end < len(paragraphs) else text


def _formal_minutes_date(text: str, paragraphs: list[str]):
    """Formal minutes (纪要) with labelled lines date the meeting on a line of its own under the
    title ('2023年3月2日上午', '会议时间：…'); other reports' lone date lines are page dates."""
    if not _LABELLED_MINUTES.search(text):
        return None
    for paragraph in paragraphs:
        line = _TIME_LABEL.sub("", paragraph.strip())
        found = find_lead_date(line)
        if found and found.start == 0 and len(line) - found.end <= 2:
            return found
    return None


def _within(participant, spans: list[tuple[int, int]]) -> bool:
    """A person named in a personnel decision or an oath, who is voted on, not taking part."""
    return any(start <= participant.start < end for start, end in spans)


def _lead_index(paragraphs: list[str]) -> int:
    """The paragraph that opens the minutes: a date and a meeting verb, else a meeting verb. A
    report dated only '今天上午' opens with that (a later date is another event's)."""
    for index, paragraph in enumerate(paragraphs[:3]):
        if find_lead_date(paragraph) and _LEAD_HINT.search(paragraph):
            break
        if _RELATIVE_LEAD.match(paragraph) and _CONVENES.search(paragraph):
            return index
    for index, paragraph in enumerate(paragraphs):
        if find_lead_date(paragraph) and _LEAD_HINT.search(paragraph):
            return index
    # No dated paragraph: the first that names who chaired (a headline only announces the meeting).
    for index, paragraph in enumerate(paragraphs[:8]):
        if "主持" in paragraph:
            return index
    for index, paragraph in enumerate(paragraphs):
        if _LEAD_HINT.search(paragraph):
            return index
    return 0


def _with_headline_level(body, headlines):
    """What the meeting sentence left out and the headline gives: the level and organ ('召开第十五次
    主任扩大会议' under '区人大常委会召开主任扩大会议'), the other part of a combined meeting
    ('召开党组会议' under '召开党组会议暨理论中心组学习会议'), a number the sentence masks (第**次)."""
    if body is None:
        return body
    for paragraph, _ in headlines:
        named = find_body(paragraph)
        if not named or named.body == body.body:
            continue
        if named.body.endswith(body.body) and re.match(LEVEL, named.body) and not re.match(LEVEL, body.body):
            return replace(body, body=named.body, locality=body.locality or named.locality)
        if named.body.startswith(body.body + "暨") and body.session_number is None:
            return replace(body, body=named.body, session_number=named.session_number)
    return body


def _body_elsewhere(paragraphs, lead_index):
    for paragraph, _ in paragraphs[:lead_index] + paragraphs[lead_index + 1 :]:
        body = find_body(paragraph)
        if body:
            return body
    return None


def _chair_span(paragraphs: list[tuple[str, int]], lead_index: int) -> tuple[int, int]:
    """Where the chair is named: the lead, or the paragraph after it when the lead names none
    ('区委常委会召开第153次会议。' then '区委书记X主持会议并讲话。')."""
    lead_text, lead_start = paragraphs[lead_index]
    end = lead_start + len(lead_text)
    if "主持" not in lead_text and lead_index + 1 < len(paragraphs):
        following, following_start = paragraphs[lead_index + 1]
        if "主持" in following:
            end = following_start + len(following)
    return lead_start, end


def _year_from_heading(paragraphs: list[str], month: int, day: int) -> int | None:
    """The year of the same day written in full above the lead, as in a bulletin's '（2021年7月30日）'."""
    for paragraph in paragraphs:
        found = find_date(paragraph)
        if found and found.year and (found.month, found.day) == (month, day):
            return found.year
    return None


def _date_line_above(paragraphs: list[str]) -> tuple[int, int, int] | None:
    """A newspaper's issue date alone on a line above the headline ('2025年06月10日')."""
    for paragraph in paragraphs:
        found = find_date(paragraph)
        if found and found.year and found.end - found.start >= len(paragraph.strip()) - 1:
            return found.year, found.month, found.day
    return None


def _ymd(published) -> tuple[int, int, int] | None:
    if published is None or isinstance(published, tuple):
        return published
    return published.year, published.month, published.day


def _year_from_publication(month, day, published):
    """A meeting is published after it happens: in the same year, or the year before."""
    if not published:
        return None
    year, pub_month, pub_day = published
    return year if (month, day) <= (pub_month, pub_day) else year - 1


def _real_date(year, month, day) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
