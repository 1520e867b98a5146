"""Dates, titles, numbers and roles as the active language writes them."""

import functools

from django import template
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext, npgettext_lazy, pgettext_lazy

register = template.Library()

# Lazy and written out, so that makemessages finds every one of them.
PART_OF_DAY_EN = {
    "上午": pgettext_lazy("part of day", "morning"),
    "下午": pgettext_lazy("part of day", "afternoon"),
    "晚上": pgettext_lazy("part of day", "evening"),
}


@register.filter
def url_of(pk, name: str) -> str:
    """``{% url name pk %}`` for a list's rows (``{{ m.id|url_of:"archive:meeting_detail" }}``): the
    URL reversed once, the row's key put in its place. A reverse() for each link of each row was a
    tenth of a 50-row page's time."""
    head, tail = _around_key(name, get_script_prefix(), get_urlconf())
    return f"{head}{int(pk)}{tail}"


@register.filter
def session_no(number) -> str:
    """A session's number as ``{% blocktranslate with n=number %}No. {{ n }}{% endblocktranslate %}``
    writes it (the same message), at a filter's cost in a list's every row."""
    return gettext("No. %(n)s") % {"n": number}


_KEY = 2147483647  # a key no other part of a URL holds


@functools.lru_cache(maxsize=64)
def _around_key(name: str, script_prefix: str, urlconf) -> tuple[str, str]:
    head, key, tail = reverse(name, urlconf=urlconf, args=[_KEY]).partition(str(_KEY))
    if not key:
        raise ValueError(f"{name} does not take a key")
    return head, tail


def _english() -> bool:
    return (get_language() or "").startswith("en")


def date_label(year, month, day, part_of_day="") -> str:
    """2024年6月17日下午 in Chinese; 17 June 2024, afternoon in English. An unknown year is said."""
    if not _english():
        head = f"{year}年" if year else "（" + gettext("year unknown") + "）"
        return head + (f"{month}月" if month else "") + (f"{day}日" if day else "") + (part_of_day or "")
    parts = [str(day)] if day and month else []
    if month:
        parts.append(str(MONTHS[month]))
    parts.append(str(year) if year else "(" + gettext("year unknown") + ")")
    if not year and month:  # (year unknown) 1 February
        parts = [parts[-1], *parts[:-1]]
    text = " ".join(parts)
    if part_of_day:
        text += ", " + str(PART_OF_DAY_EN.get(part_of_day, part_of_day))
    return text


@register.filter
def meeting_date(meeting) -> str:
    return date_label(meeting.year, meeting.month, meeting.day, meeting.part_of_day)


@register.filter
def meeting_title(meeting) -> str:
    """Date and body, as a link or a feed entry names a meeting."""
    return f"{meeting_date(meeting)} {meeting.body}".strip()


@register.filter
def number(value) -> str:
    return formats.number_format(value, force_grouping=True) if value is not None else ""


# Plural by "count" (Attendee / Attendees), chosen when formatted.
ROLE_HEADINGS = {
    "chair": npgettext_lazy("role heading", "Chair", "Chairs", "count"),
    "attendee": npgettext_lazy("role heading", "Attendee", "Attendees", "count"),
    "observer": npgettext_lazy("role heading", "Observer", "Observers", "count"),
    "conveyor": npgettext_lazy("role heading", "Conveyor", "Conveyors", "count"),
    "reporter": npgettext_lazy("role heading", "Reporter", "Reporters", "count"),
    "speaker": npgettext_lazy("role heading", "Speaker", "Speakers", "count"),
}


def role_heading(role: str, count: int) -> str:
    return ROLE_HEADINGS[role] % {"count": count}


@register.filter
def role_label(role: str) -> str:
    """A role in a table cell: capitalised in English (主持 / Chair)."""
    return role_heading(role, 1) if role in ROLE_HEADINGS else role


# Links carry the filters on: but not a value longer than any field takes (a pasted 10,000-character
# query would be copied into every sort, facet and page link of the page that refuses it).
LINKED_VALUE_MAX = 200


def linkable_params(get: QueryDict) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, values in get.lists():
        if key != "format" and len(key) <= LINKED_VALUE_MAX:
            kept = [v for v in values if len(v) <= LINKED_VALUE_MAX]
            if kept:
                params.setlist(key, kept)
    return params


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters set (None or "" removes them); the page
    number goes whenever anything else changes."""
    params = linkable_params(context["request"].GET)
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + params.urlencode()
