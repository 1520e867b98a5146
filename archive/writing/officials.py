"""Officials for the names a batch of parses writes.

Safe with several writers at once: new officials are inserted with ON CONFLICT DO NOTHING on
their natural key and then selected again, so an official another loader created meanwhile is
used, not a reason to fail. Rows go in sorted by key, the same order in every writer, so two
writers never wait on each other in a cycle (PostgreSQL would abort one as a deadlock).
"""

from __future__ import annotations

from typing import NamedTuple

from ..bulk import insert_rows
from ..models import Official, OfficialAlias, pinyin_fields
from .parses import Parse
from .rows import written_name

OfficialKey = tuple[str, str]  # (name, locality of the meeting)


class _Known(NamedTuple):
    id: int
    locality: str


class Officials(NamedTuple):
    ids: dict[OfficialKey, int]
    # Names that fit several officials, by locality: written unlinked, and a review reason.
    ambiguous: dict[str, set[str]]

    def ambiguous_in(self, parse: Parse) -> set[str]:
        return self.ambiguous.get(parse.locality, set())


def resolve_officials(parses: list[Parse]) -> Officials:
    """Official ids for (name, locality): reuse the official of the same name (and locality when
    both know it), create the rest. A name that fits several officials stays unresolved and puts
    its meeting in the review queue. A fixed number of queries for a whole batch.
    """
    keys = {(p.name, parse.locality) for parse in parses for _, p in parse.participants}
    candidates = _candidates({name for name, _ in keys})
    resolved: dict[OfficialKey, int] = {}
    ambiguous: dict[str, set[str]] = {}
    to_create: list[OfficialKey] = []
    for name, locality in sorted(keys):
        fitting = _fitting(candidates[name], locality)
        if len(fitting) == 1:
            resolved[name, locality] = fitting[0].id
        elif fitting:
            ambiguous.setdefault(locality, set()).add(name)
        else:
            to_create.append((name, locality))
    resolved.update(_create(to_create))
    _record_written_spellings(parses, resolved)
    return Officials(resolved, ambiguous)


def _candidates(names: set[str]) -> dict[str, set[_Known]]:
    """Officials by name or alias."""
    candidates: dict[str, set[_Known]] = {name: set() for name in names}
    for pk, name, locality in Official.objects.filter(name__in=names).values_list("id", "name", "locality"):
        candidates[name].add(_Known(pk, locality))
    aliases = OfficialAlias.objects.filter(name__in=names)
    for name, pk, locality in aliases.values_list("name", "official_id", "official__locality"):
        candidates[name].add(_Known(pk, locality))
    return candidates


def _fitting(officials: set[_Known], locality: str) -> list[_Known]:
    fitting = [o for o in officials if not (locality and o.locality and o.locality != locality)]
    if len(fitting) > 1 and locality:
        fitting = [o for o in fitting if o.locality == locality] or fitting
    return fitting


def _create(keys: list[OfficialKey]) -> dict[OfficialKey, int]:
    """Insert these (sorted) officials unless another writer has; return the ids of all of them."""
    if not keys:
        return {}
    rows = [{"name": name, "locality": locality, **pinyin_fields(name)} for name, locality in keys]
    insert_rows(Official, rows, ignore_conflicts=True)
    wanted = set(keys)
    # The natural key (name, locality, disambiguation) is unique: one query finds them all.
    found = Official.objects.filter(name__in={n for n, _ in keys}, disambiguation="")
    return {(n, loc): pk for pk, n, loc in found.values_list("id", "name", "locality") if (n, loc) in wanted}


def _record_written_spellings(parses: list[Parse], resolved: dict[OfficialKey, int]) -> None:
    """Keep traditional spellings (陳豪) as aliases of the simplified-named official."""
    wanted = set()
    for parse in parses:
        if parse.parsed.script != "traditional":
            continue
        for _, p in parse.participants:
            written = written_name(parse, p)
            official_id = resolved.get((p.name, parse.locality))
            if official_id and written != p.name and len(written) <= 20:
                wanted.add((official_id, written))
    if not wanted:
        return
    existing = set(OfficialAlias.objects.filter(name__in={n for _, n in wanted}).values_list("official_id", "name"))
    rows = [{"official_id": pk, "name": name} for pk, name in sorted(wanted - existing)]
    insert_rows(OfficialAlias, rows, ignore_conflicts=True)
