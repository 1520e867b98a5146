"""An official's career as an SVG timeline, drawn on the server (no script): one row per post,
its label above a bar from the first to the last date seen, appointments as marks. The drawing is
narrow (320 units) so that on a phone its text stays readable; it scales up on wider screens."""

from __future__ import annotations

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 320
LEFT, RIGHT = 8, 8
ROW = 38
TOP = 26


def _x(date: datetime.date, start: datetime.date, end: datetime.date) -> float:
    span = (end - start).days or 1
    return LEFT + (WIDTH - LEFT - RIGHT) * (date - start).days / span


def _n(value: float) -> str:
    return f"{value:.1f}"


def career_svg(tenures, appointments=()) -> str:
    dated = [t for t in tenures if t.first_date]
    if not dated:
        return ""
    first_year = min(t.first_date for t in dated).year
    last_year = max((t.last_date or t.first_date) for t in dated).year + 1
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 1, 1)
    height = TOP + ROW * len(dated) + 6
    step = max(1, (last_year - first_year) // 6)
    ticks = format_html_join(
        "",
        '<line x1="{0}" y1="16" x2="{0}" y2="{1}" class="tick"/><text x="{0}" y="12" class="year">{2}</text>',
        (
            (_n(_x(datetime.date(y, 1, 1), start, end)), height, y)
            for y in range(first_year, last_year + 1, step)
            if y < last_year or y == first_year
        ),
    )
    rows = []
    for n, t in enumerate(dated):
        y = TOP + n * ROW
        x1 = _x(t.first_date, start, end)
        x2 = max(_x(t.last_date or t.first_date, start, end), x1 + 3)
        label = f"{t.post} · {t.post.division.name}" if t.post.division_id else str(t.post)
        when = f"{t.first_date:%Y-%m}" + (
            f" – {t.last_date:%Y-%m}" if t.last_date and t.last_date != t.first_date else ""
        )
        marks = []
        for appointment, kind in ((t.started_by, "appoint"), (t.ended_by, "remove")):
            if appointment is not None and appointment.meeting.date:
                mx = _x(appointment.meeting.date, start, end)
                marks.append(
                    format_html(
                        '<path d="M{0} {1} l-5 -7 h10 z" class="mark {2}"><title>{3}</title></path>',
                        _n(mx),
                        y + 20,
                        kind,
                        f"{appointment.get_action_display()} {appointment.post} {appointment.meeting.date}",
                    )
                )
        rows.append(
            format_html(
                '<g class="tenure"><text x="{0}" y="{1}" class="post">{2} <tspan class="when">{3}</tspan></text>'
                '<rect x="{4}" y="{5}" width="{6}" height="9" rx="3" class="bar"><title>{2} {3}</title></rect>{7}</g>',
                LEFT,
                y + 10,
                label,
                when,
                _n(x1),
                y + 15,
                _n(x2 - x1),
                mark_safe("".join(marks)),
            )
        )
    return format_html(
        '<svg class="career-timeline" viewBox="0 0 {0} {1}" role="img" aria-label="{2}" xmlns="http://www.w3.org/2000/svg">'
        "{3}{4}</svg>",  # styled by site.css (.career-timeline): the CSP refuses inline <style>
        WIDTH,
        height,
        "career timeline",
        ticks,
        mark_safe("".join(rows)),
    )
