"""Officials for the names a batch of parses writes.

Safe with several writers at once: new officials are inserted with ON CONFLICT DO NOTHING on
their natural key and then selected again, so an official another loader created meanwhile is
used, not a reason to fail. Rows go in sorted by key, the same order in every writer, so two
writers never wait on each other in a cycle (PostgreSQL would abort one as a deadlock).
"""

from __future__ import annotations

from typing import NamedTuple

from .. import divisions
from ..bulk import insert_rows
from ..models import Official, OfficialAlias, pinyin_fields
from .parses import Parse, resolve_places
from .rows import written_name

OfficialKey = tuple[str, tuple[str, int | None]]  # (name, place of the meeting: (locality, division id))


class _Known(NamedTuple):
    id: int
    locality: str
    division_id: int | None


class Officials(NamedTuple):
    ids: dict[OfficialKey, int]
    # Names that fit several officials (or wait for a curator), by place: written unlinked, and a review reason.
    ambiguous: dict[tuple[str, int | None], set[str]]

    def ambiguous_in(self, parse: Parse) -> set[str]:
        return self.ambiguous.get(parse.place, set())


def names_of(parse: Parse) -> set[str]:
    """The names a parse links to officials: its participants and the people its appointments name."""
    names = {p.name for _, p in parse.participants}
    names.update(a.name for a in parse.parsed.meeting.appointments)
    return names


def resolve_officials(parses: list[Parse]) -> Officials:
    """Official ids for (name, place). An official is a person in a division (README, "Officials
    over time"):

    - the same name in the same division is the same official, unless a curator split them
      (then the name fits several and waits for a curator);
    - the same name in different divisions is different officials;
    - where the place is unknown (no locality at all, or a shared name such as 朝阳区 that the
      context does not decide) nobody is linked: the names stay unlinked and the meeting waits
      for a curator (``no-locality``, ``ambiguous-division``), however many or few officials of
      that name exist, so the result never depends on the order files come in;
    - a written locality the code table lacks (a town, 洪绪镇) is the official of that name and
      locality; it is never merged with one whose division is known;
    - a division renamed under a new code (绍兴县 → 柯桥区 in 2013: one predecessor, its one
      successor) is the same place: its people are the officials of the division its renamings
      led to, so a career crosses the renaming. A split or merge is not a renaming (cross-place
      candidates, archive.careers.candidates).

    A fixed number of queries for a whole batch.
    """
    resolve_places(parses)
    heads = divisions.heads()
    keys = {(name, parse.place) for parse in parses if not parse.place_unknown for name in names_of(parse)}
    candidates = _candidates({name for name, _ in keys})
    resolved: dict[OfficialKey, int] = {}
    ambiguous: dict[tuple[str, int | None], set[str]] = {}
    to_create: list[OfficialKey] = []
    for name, place in sorted(keys, key=lambda k: (k[0], k[1][0], k[1][1] or 0)):
        fitting = _fitting(candidates[name], place, heads)
        if len(fitting) == 1:
            resolved[name, place] = fitting[0].id
        elif fitting:
            ambiguous.setdefault(place, set()).add(name)
        else:
            to_create.append((name, place))
    resolved.update(_create(to_create, heads))
    _record_written_spellings(parses, resolved)
    return Officials(resolved, ambiguous)


def _candidates(names: set[str]) -> dict[str, set[_Known]]:
    """Officials by name or alias, with the place of each: an alias is a spelling of one person
    in one division, so ``_fitting`` only ever takes it in that division."""
    candidates: dict[str, set[_Known]] = {name: set() for name in names}
    found = Official.objects.filter(name__in=names).values_list("id", "name", "locality", "division_id")
    for pk, name, locality, division_id in found:
        candidates[name].add(_Known(pk, locality, division_id))
    aliases = OfficialAlias.objects.filter(name__in=names)
    rows = aliases.values_list("name", "official_id", "official__locality", "official__division_id")
    for name, pk, locality, division_id in rows:
        candidates[name].add(_Known(pk, locality, division_id))
    return candidates


def _fitting(officials: set[_Known], place: tuple[str, int | None], heads: dict[int, int]) -> list[_Known]:
    """The officials of this place: of its division or its line of renamings (绍兴县, 柯桥区), or
    (a town the code table lacks) of no division and the same written locality. Never one of
    another division, never across."""
    locality, division_id = place
    if division_id is not None:
        line = divisions.line_of(division_id, heads)
        return [o for o in officials if o.division_id is not None and divisions.line_of(o.division_id, heads) == line]
    if not locality:
        return []
    return [o for o in officials if o.division_id is None and o.locality == locality]


def _create(keys: list[OfficialKey], heads: dict[int, int]) -> dict[OfficialKey, int]:
    """Insert these (sorted) officials unless another writer has, each in the division its
    place's renamings led to; return the ids of all of them."""
    if not keys:
        return {}
    rows = [
        {
            "name": name,
            "locality": locality,
            "division_id": divisions.line_of(division_id, heads),
            **pinyin_fields(name),
        }
        for name, (locality, division_id) in keys
    ]
    # 绍兴县's and 柯桥区's 张华 of one batch are one row (the first written, as keys are sorted).
    unique = {}
    for row in rows:
        unique.setdefault((row["name"], row["division_id"] or row["locality"], row["division_id"] is None), row)
    insert_rows(Official, list(unique.values()), ignore_conflicts=True)
    # Each natural key is unique ((name, division) or, without one, (name, locality)): one query finds them all.
    found = Official.objects.filter(name__in={n for n, _ in keys}, disambiguation="")
    by_division, by_locality = {}, {}
    for pk, name, locality, division_id in found.values_list("id", "name", "locality", "division_id"):
        if division_id is None:
            by_locality[name, locality] = pk
        else:
            by_division[name, division_id] = pk
    ids = {}
    for name, (locality, division_id) in keys:
        if division_id is None:
            pk = by_locality.get((name, locality))
        else:
            pk = by_division.get((name, divisions.line_of(division_id, heads)))
        if pk is not None:
            ids[name, (locality, division_id)] = pk
    return ids


def _record_written_spellings(parses: list[Parse], resolved: dict[OfficialKey, int]) -> None:
    """Keep traditional spellings (陳豪) as aliases of the simplified-named official."""
    wanted = set()
    for parse in parses:
        if parse.parsed.script != "traditional":
            continue
        for _, p in parse.participants:
            written = written_name(parse, p)
            official_id = resolved.get((p.name, parse.place))
            if official_id and written != p.name and len(written) <= 20:
                wanted.add((official_id, written))
    if not wanted:
        return
    existing = set(OfficialAlias.objects.filter(name__in={n for _, n in wanted}).values_list("official_id", "name"))
    rows = [{"official_id": pk, "name": name} for pk, name in sorted(wanted - existing)]
    insert_rows(OfficialAlias, rows, ignore_conflicts=True)
