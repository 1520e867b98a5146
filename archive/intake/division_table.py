"""GB/T 2260 divisions since 1981, with the years each was in use and what replaced it, as plain
data: ``archive/data/divisions_history.csv``, trimmed from the CC0 dataset yescallop/areacodes
(README, "Officials over time"). Read by intake and parsing (which names are places) and by
``archive.divisions`` (the ``Division`` table). No Django here.

The file has a row per code and name: ``code,name,valid_from,valid_until,successors``. A row is in
use from ``valid_from`` (included) to ``valid_until`` (excluded; empty while in use); its
``successors`` are the codes that took its area, separated by ``;``, each with ``[YEAR]`` when that
part moved in another year than ``valid_until`` (a part given away while the row stayed in use).

A code is one place (``DivisionRecord``): its latest row, with the earlier rows of the same code
that it continues (a renaming that kept the code: 东郊区 → 东丽区, 120110, 1992) as earlier names.
An earlier use of a code by another place (511402 was 枳城区 of 涪陵市 in 1995–1997 and is 东坡区
of 眉山市 since 2000: the later row does not start when the earlier ends, or the earlier names
other codes as successors) is left out: a code is a division's key in URLs and the API, and such a
name is better unresolved than placed in the code's later owner.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "divisions_history.csv"
_PART = re.compile(r"^(\d{6})(?:\[(\d{4})\])?$")


@dataclass(frozen=True)
class DivisionRecord:
    code: str
    name: str
    valid_from: int | None  # the first year of its latest name (1981: in use when the data begins)
    valid_until: int | None  # the year it ceased; None while in use
    successors: tuple[str, ...] = ()  # the codes that took its area when it ceased
    earlier_names: tuple[tuple[str, int | None, int | None], ...] = ()  # (name, from, until), same code

    @property
    def first_year(self) -> int | None:
        """The year the code came into use for this place (its earliest name's)."""
        years = [y for _, y, _ in self.names() if y is not None]
        return min(years) if years else None

    def names(self) -> list[tuple[str, int | None, int | None]]:
        """Every name it had, with the years: the earlier ones and the latest."""
        return [*self.earlier_names, (self.name, self.valid_from, self.valid_until)]

    @property
    def level(self) -> int:
        """0 province, 1 prefecture, 2 county-level (from the code)."""
        return 0 if self.code.endswith("0000") else 1 if self.code.endswith("00") else 2


def _year(value: str) -> int | None:
    return int(value) if value.strip() else None


def _successors_at_end(value: str, until: int | None) -> tuple[str, ...]:
    """The codes of ``successors`` that took their part when the row ceased (no [YEAR], or its own)."""
    codes = []
    for part in filter(None, (p.strip() for p in value.split(";"))):
        match = _PART.match(part)
        if match and (match.group(2) is None or int(match.group(2)) == until):
            codes.append(match.group(1))
    return tuple(dict.fromkeys(codes))


@lru_cache(maxsize=1)
def records() -> tuple[DivisionRecord, ...]:
    """One record per code, in code order (see the module's text)."""
    rows: dict[str, list[tuple[str, int | None, int | None, str]]] = {}
    with TABLE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows.setdefault(row["code"], []).append(
                (row["name"], _year(row["valid_from"]), _year(row["valid_until"]), row["successors"])
            )
    result = []
    for code in sorted(rows):
        uses = sorted(rows[code], key=lambda r: r[1] or 0)
        name, since, until, successors = uses[-1]
        earlier = []
        following = since
        for e_name, e_since, e_until, e_successors in reversed(uses[:-1]):
            at_end = _successors_at_end(e_successors, e_until)
            if e_until != following or (at_end and code not in at_end):
                break  # another place used this code before
            earlier.insert(0, (e_name, e_since, e_until))
            following = e_since
        ended = tuple(c for c in _successors_at_end(successors, until) if c != code) if until else ()
        result.append(DivisionRecord(code, name, since, until, ended, tuple(earlier)))
    return tuple(result)


@lru_cache(maxsize=1)
def continuations() -> dict[str, str]:
    """Code → the code that continues it: a renaming or succession, one place under a new code
    (绍兴县 330621 → 柯桥区 330603, 2013). It is the one successor that came into use the year the
    division ceased and has no other predecessor that year; the others were there before and only
    took a part (越城区 took three towns of 绍兴县). A division whose area went to two new codes
    (a split), or into one with others (a merge), has no continuation: the same person on both
    sides is a cross-place candidate for a curator, never joined by itself."""
    by_code = {r.code: r for r in records()}
    predecessors: dict[tuple[str, int | None], list[str]] = {}
    for r in records():
        for c in r.successors:
            predecessors.setdefault((c, r.valid_until), []).append(r.code)
    result = {}
    for r in records():
        if r.valid_until is None:
            continue
        born = [c for c in r.successors if c in by_code and by_code[c].first_year == r.valid_until]
        if len(born) == 1 and predecessors.get((born[0], r.valid_until)) == [r.code]:
            result[r.code] = born[0]
    return result


def line_head(code: str) -> str:
    """The division a renamed one became, following renamings to the last (绍兴县 → 柯桥区)."""
    following = continuations()
    seen = {code}
    while code in following and following[code] not in seen:
        code = following[code]
        seen.add(code)
    return code


def predecessors_of(code: str) -> tuple[str, ...]:
    """The codes whose renamings led to ``code`` (330603 柯桥区: 330621 绍兴县)."""
    return _predecessors().get(code, ())


@lru_cache(maxsize=1)
def _predecessors() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for code in continuations():
        found.setdefault(line_head(code), []).append(code)
    return {head: tuple(sorted(codes)) for head, codes in found.items()}


def all_names() -> dict[str, int]:
    """Every name any division had → its most specific level (0 province, 1 prefecture, 2 county),
    a name in use by today's divisions only (湖州市 is a prefecture, though a county-level city of
    湖州地区 had the name until 1983)."""
    current: dict[str, int] = {}
    former: dict[str, int] = {}
    for r in records():
        for name, _, until in r.names():
            levels = current if until is None else former
            levels[name] = max(levels.get(name, 0), r.level)
    return {**former, **current}


def current_names() -> set[str]:
    return {r.name for r in records() if r.valid_until is None}
