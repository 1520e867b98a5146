"""Terms (届) of local government, from ``data/terms.csv``: plain Python, no Django."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TERMS_CSV = Path(__file__).parent / "data" / "terms.csv"
DEFAULT_LEVEL = "county"


@dataclass(frozen=True, order=True)
class Term:
    start: datetime.date
    end: datetime.date | None  # the day before the next term begins; None for the last

    @property
    def label(self) -> str:
        """2017—2021: the years it spans."""
        return f"{self.start.year}—{self.end.year if self.end else ''}"

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@cache
def terms(level: str) -> tuple[Term, ...]:
    """The terms of a level, in order; a level the table does not list has the county's."""
    starts: dict[str, list[datetime.date]] = {}
    with TERMS_CSV.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            starts.setdefault(row["level"], []).append(datetime.date.fromisoformat(row["start"]))
    dates = sorted(starts.get(level) or starts[DEFAULT_LEVEL])
    ends = [d - datetime.timedelta(days=1) for d in dates[1:]] + [None]
    return tuple(Term(s, e) for s, e in zip(dates, ends, strict=True))


def term_of(day: datetime.date, level: str) -> Term | None:
    for term in terms(level or DEFAULT_LEVEL):
        if term.holds(day):
            return term
    return None
