"""Attendance rates of a body's members, per year and per term (届): plain Python over rows.

A member's rate for a period is the share of the body's dated meetings in that period that they
attended, counting only the meetings from their first to their last attendance of the body (a
deputy appointed in June is not marked absent in January). The body's average for a period is
the mean of its members' rates (everyone who attended at least once within their span there).
Undated meetings are left out (the page says how many).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .terms import term_of


@dataclass
class Period:
    attended: int = 0
    held: int = 0

    @property
    def rate(self) -> float:
        return self.attended / self.held if self.held else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.rate)


@dataclass
class Member:
    official_id: int
    first: datetime.date
    last: datetime.date
    years: dict[int, Period] = field(default_factory=dict)
    terms: dict[str, Period] = field(default_factory=dict)


@dataclass
class BodyAttendance:
    members: dict[int, Member]
    year_average: dict[int, float]
    term_average: dict[str, float]
    terms: list  # the labels in order
    undated: int


def body_attendance(meetings, attended, level: str = "") -> BodyAttendance:
    """``meetings``: (meeting_id, date or None) of one body; ``attended``: (meeting_id,
    official_id) pairs of those who attended them (chair or attendee); ``level``: the body's
    division level, which decides its terms (archive/attendance/data/terms.csv)."""
    dates = {meeting_id: day for meeting_id, day in meetings if day}
    ordered = sorted((day, meeting_id) for meeting_id, day in dates.items())
    term = {meeting_id: term_of(day, level) for meeting_id, day in dates.items()}
    seen: dict[int, set[int]] = {}
    for meeting_id, official_id in attended:
        if meeting_id in dates and official_id:
            seen.setdefault(official_id, set()).add(meeting_id)
    members = {}
    for official_id, theirs in seen.items():
        days = sorted(dates[m] for m in theirs)
        member = Member(official_id, days[0], days[-1])
        for day, meeting_id in ordered:
            if day < member.first or day > member.last:
                continue
            there = meeting_id in theirs
            for periods, key in ((member.years, day.year), (member.terms, _label(term[meeting_id]))):
                period = periods.setdefault(key, Period())
                period.held += 1
                period.attended += there
        members[official_id] = member
    labels = sorted({_label(t) for t in term.values()})
    return BodyAttendance(
        members=members,
        year_average=_averages(m.years for m in members.values()),
        term_average=_averages(m.terms for m in members.values()),
        terms=labels,
        undated=len(meetings) - len(dates),
    )


def _label(term) -> str:
    return term.label if term else "—"


def _averages(periods_of_members) -> dict:
    rates: dict = {}
    for periods in periods_of_members:
        for key, period in periods.items():
            rates.setdefault(key, []).append(period.rate)
    return {key: sum(values) / len(values) for key, values in rates.items()}
