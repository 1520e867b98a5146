"""Localities as written → GB/T 2260 administrative divisions (``archive.models.Division``).

The code table is the data file ``archive/data/divisions_history.csv`` (every county-level and
larger division since 1981 with the years it was in use and its successors; from yescallop/areacodes,
CC0; read by ``archive.intake.division_table``); ``load_divisions`` copies it into the ``Division``
table (the migrations run it, and ``manage.py load_divisions`` refreshes it). Levels and parents follow from
the codes: ``XX0000`` is a province, ``XXYY00`` a prefecture, any other a county-level division
whose parent is its prefecture, or its province where the code table has no prefecture
(municipalities' districts, counties directly under a province).

``resolve(locality, context, year=...)``: a name is read among the divisions it named in the
meeting's year (绍兴县 in 2010 is 330621; with no year, today's division of that name, else a former
one); a name that one division has is that division; a name several
share (朝阳区, 鼓楼区) is the one whose province or prefecture the context names (the text, the
site's name, the page title, ``--locality``); a written ``绍兴市柯桥区`` is read the same way. A
shared name the context does not decide is *ambiguous* (the meeting goes to the review queue with
``ambiguous-division``); a name no division has (a town, 洪绪镇) is *unknown*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .intake import division_table

_SUFFIXES = re.compile(
    r"(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|盟|省|市|区|县|旗)$"
)


def short_name(name: str) -> str:
    """浙江省 → 浙江, 绍兴市 → 绍兴, 新疆维吾尔自治区 → 新疆; names of two characters stay whole (城区)."""
    short = _SUFFIXES.sub("", name)
    return short if len(short) >= 2 else name


def table() -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) for every division of the shipped table (today's and
    those since 1981, ``archive.intake.division_table``), parents first."""
    return [(r.code, r.name, level, parent) for r, level, parent in _records_with_parents()]


def _records_with_parents():
    records = division_table.records()
    codes = {r.code for r in records}
    rows = []
    for r in records:
        if r.level == 0:
            rows.append((r, "province", None))
            continue
        prefecture, province = r.code[:4] + "00", r.code[:2] + "0000"
        if r.level == 1:
            rows.append((r, "prefecture", province if province in codes else None))
        else:
            parent = prefecture if prefecture in codes else province if province in codes else None
            rows.append((r, "county", parent))
    return rows


_HISTORY_FIELDS = ("valid_from", "valid_until", "successor_codes", "earlier_names")


def load_divisions(Division) -> int:
    """Create or update every division of the table (``Division`` is the model, or a migration's
    historical model: one from before validity years were kept gets today's divisions only, as
    the table then had). Returns how many rows the table has."""
    fields = {f.name for f in Division._meta.get_fields()}
    history = "valid_from" in fields
    rows = [(r, level, parent) for r, level, parent in _records_with_parents() if history or r.valid_until is None]
    names = {r.code: r.name for r, _, _ in rows}
    existing = {d.code: d for d in Division.objects.all()}
    ids: dict[str, int] = {c: d.id for c, d in existing.items()}
    updated = ["name", "level", "parent_id", "full_name", *(_HISTORY_FIELDS if history else ())]
    for level in ("province", "prefecture", "county"):
        new, changed = [], []
        for record, row_level, parent in rows:
            if row_level != level:
                continue
            code = record.code
            full = "".join(names[c] for c in dict.fromkeys(_ancestors(code, parent, names)))
            values = {"name": record.name, "level": level, "parent_id": ids.get(parent) if parent else None}
            values["full_name"] = full
            if history:
                values.update(
                    valid_from=record.valid_from,
                    valid_until=record.valid_until,
                    successor_codes=" ".join(record.successors),
                    earlier_names=[list(n) for n in record.earlier_names],
                )
            division = existing.get(code)
            if division is None:
                new.append(Division(code=code, **values))
            elif any(getattr(division, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(division, k, v)
                changed.append(division)
        Division.objects.bulk_create(new, batch_size=1000)
        if changed:
            Division.objects.bulk_update(changed, updated, batch_size=1000)
        ids.update(Division.objects.filter(level=level).values_list("code", "id"))
    if history:
        _link_successors(Division, ids)
    _index.cache_clear()
    return len(rows)


def _link_successors(Division, ids: dict[str, int]) -> None:
    """``successor``: the division that continues each renamed one (``continuations``)."""
    wanted = {ids[c]: ids.get(n) for c, n in division_table.continuations().items() if c in ids}
    changed = []
    for division in Division.objects.filter(id__in=set(ids.values())).only("id", "successor_id"):
        successor = wanted.get(division.id)
        if division.successor_id != successor:
            division.successor_id = successor
            changed.append(division)
    if changed:
        Division.objects.bulk_update(changed, ["successor_id"], batch_size=1000)


def _ancestors(code: str, parent: str | None, names: dict[str, str]) -> list[str]:
    chain = [code]
    while parent:
        chain.insert(0, parent)
        parent = parent[:2] + "0000" if not parent.endswith("0000") else None
    return [c for c in chain if c in names]


def heads() -> dict[int, int]:
    """Division id → the id of the division its renamings led to (绍兴县 → 柯桥区), for renamed
    divisions only: the place officials are keyed by (README, "Officials over time"). One count
    query checks the cached map still fits the table."""
    return _heads(_generation())


def line_of(division_id: int | None, known: dict[int, int] | None = None) -> int | None:
    """The division a renamed one became, following renamings to the last; itself otherwise.
    ``known``: ``heads()``, fetched once for a batch."""
    if division_id is None:
        return None
    return (heads() if known is None else known).get(division_id, division_id)


def line_members(division_id: int | None, known: dict[int, int] | None = None) -> set[int]:
    """The division and every one its line continues (柯桥区: 柯桥区 and 绍兴县)."""
    if division_id is None:
        return set()
    known = heads() if known is None else known
    return {division_id} | {d for d, head in known.items() if head == division_id}


def _generation() -> int:
    from .models import Division

    count = Division.objects.count()
    if count == 0:  # a database flushed since its migrations ran (transactional tests): load again
        count = load_divisions(Division)
    return count


@lru_cache(maxsize=1)
def _heads(generation: int) -> dict[int, int]:
    """Division id → the id of the last division of its line of renamings (only renamed ones)."""
    from .models import Division

    ids = dict(Division.objects.values_list("code", "id"))
    heads = {}
    for code in division_table.continuations():
        head = division_table.line_head(code)
        if code in ids and head in ids and head != code:
            heads[ids[code]] = ids[head]
    return heads


@dataclass(frozen=True)
class Place:
    """One division under one of its names, as the resolver knows it."""

    id: int
    code: str
    name: str
    ancestors: tuple[str, ...]  # names of the province and prefecture above it
    valid_from: int | None = None  # the years this name was the division's
    valid_until: int | None = None  # the year it ceased (None: in use)

    def valid_in(self, year: int) -> bool:
        """In use some time in ``year``: the year of a change counts for both sides, since the
        table gives years only (绍兴县 and 柯桥区 are both of 2013)."""
        return (self.valid_from or 0) <= year and (self.valid_until is None or year <= self.valid_until)


@dataclass(frozen=True)
class Resolution:
    division_id: int | None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()  # full names of the divisions a shared name could be
    code: str | None = None  # the six-digit GB/T 2260 code of ``division_id``


def current_index() -> dict[str, list[Place]]:
    """The divisions by every name they had; one count query checks the cached index still fits
    the table (a test database flushed and loaded again, a ``load_divisions`` since)."""
    return _index(_generation())


@lru_cache(maxsize=1)
def _index(generation: int) -> dict[str, list[Place]]:
    from .models import Division

    rows = list(Division.objects.values_list("id", "code", "name", "valid_from", "valid_until", "earlier_names"))
    by_code = {code: name for _, code, name, *_ in rows}
    index: dict[str, list[Place]] = {}
    for pk, code, name, since, until, earlier in rows:
        ancestors = tuple(
            by_code[c] for c in dict.fromkeys((code[:2] + "0000", code[:4] + "00")) if c in by_code and c != code
        )
        for written, start, end in [*(earlier or []), (name, since, until)]:
            index.setdefault(written, []).append(Place(pk, code, written, ancestors, start, end))
    return index


def _mentions(place: Place, context: str) -> bool:
    return any(a in context or short_name(a) in context for a in place.ancestors)


def _all_divisions(prefix: str, index: dict[str, list[Place]]) -> bool:
    """Whether ``prefix`` is division names end to end (浙江省绍兴市): the words before a known name
    are its context only then. 绍兴县 (renamed 柯桥区 in 2013) is not 绍 + 兴县 of Shanxi."""
    if not prefix:
        return True
    return any(prefix[:i] in index and _all_divisions(prefix[i:], index) for i in range(2, len(prefix) + 1))


def at_year(candidates: list[Place], year: int | None) -> list[Place]:
    """The divisions a name may mean in ``year``: those it named that year (in a year of change,
    those it named the whole year first); with no year, or none that year, today's divisions of
    that name, else the former ones (绍兴县 is one division whatever the date)."""
    if year:
        valid = [p for p in candidates if p.valid_in(year)]
        if len(valid) > 1:
            valid = [p for p in valid if p.valid_until is None or year < p.valid_until] or valid
        if valid:
            return _distinct(valid)
    current = [p for p in candidates if p.valid_until is None]
    return _distinct(current or candidates)


def _distinct(places: list[Place]) -> list[Place]:
    return list({p.id: p for p in places}.values())


def resolve(
    locality: str, context: str = "", index: dict[str, list[Place]] | None = None, year: int | None = None
) -> Resolution:
    """The division a written locality names, read with its context and the meeting's year (see
    the module's text). ``index``: ``current_index()``, fetched once for a batch."""
    locality = (locality or "").strip()
    if not locality:
        return Resolution(None)
    if index is None:
        index = current_index()
    if not index:
        return Resolution(None)
    candidates = index.get(locality)
    prefix = ""
    if not candidates:
        # 绍兴市柯桥区, 浙江省绍兴市: the longest known name at the end; what comes before is context.
        for i in range(1, len(locality) - 1):
            if locality[i:] in index and _all_divisions(locality[:i], index):
                candidates, prefix = index[locality[i:]], locality[:i]
                break
    if not candidates:
        return Resolution(None)
    candidates = at_year(candidates, year)
    if len(candidates) == 1:
        return Resolution(candidates[0].id, code=candidates[0].code)
    for text in (prefix, context):
        if text:
            fitting = [p for p in candidates if _mentions(p, text)]
            if len(fitting) == 1:
                return Resolution(fitting[0].id, code=fitting[0].code)
    names = tuple("".join((*p.ancestors, p.name)) for p in candidates)
    return Resolution(None, ambiguous=True, candidates=names)
