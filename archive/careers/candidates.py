"""The same person in two places over time, as candidates for a curator (issue 15, "Identity").

An official is a person in a division, so a 副县长 of one county who becomes 县长 of the next is two
records. ``propose()`` offers such pairs, never joins them: two officials of one name in two
divisions of one province whose careers do not overlap in time (the earlier record's last meeting
before the later one's first). The evidence for each is kept and scored:

- ``same-prefecture`` (2) or ``same-province`` (1): where the two divisions lie (a pair of one
  province and no other evidence, score 1, is not offered);
- ``posts-follow`` (1): the earlier record's last post ranks no higher than the later one's first
  (副县长 → 县长 → 县委书记);
- ``appointment-names-earlier-post`` (2): an appointment of the later record whose text names the
  earlier place (`原安吉县副县长`);
- ``successor-place`` (2): the later record's division took over (part of) the earlier one's area
  when the earlier ceased, in a split or a merge (GB/T 2260 history: ``Division.successor_codes``),
  in another province too (四川's 涪陵 went to 重庆 in 1997). A renaming (one division continued
  by its one successor, 绍兴县 → 柯桥区) is no candidate: its people are one official already.

A curator accepts (``accept``: the earlier record is merged into the later, which keeps both
careers) or rejects (``reject``: the pair is never proposed again). A pair already proposed, in
whatever state, is not proposed twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, Max, Min

from ..models import Appointment, CrossPlaceCandidate, Official, Participation, Tenure

SCORES = {
    "same-prefecture": 2,
    "same-province": 1,
    "posts-follow": 1,
    "appointment-names-earlier-post": 2,
    "successor-place": 2,
}
# Same province and nothing else is not offered: on the identity benchmark none of those was right.
MIN_SCORE = 2
_SUFFIX = re.compile(r"(?:自治县|自治旗|新区|区|县|市|旗)$")
# Characters of the text either side of an appointment read for the earlier post.
WINDOW = 40


@dataclass
class _Record:
    id: int
    name: str
    code: str
    place: str
    successors: tuple[str, ...] = ()  # the codes that took its division's area when it ceased
    first: object = None
    last: object = None
    offices: list[str] = field(default_factory=list)  # by first date


def rank(office: str) -> int:
    """How senior an office is, roughly: deputies below heads, heads below party secretaries."""
    if office.startswith("副") or "副" in office[:3]:
        return 1
    if office.endswith("书记"):
        return 3
    return 2


def propose() -> list[CrossPlaceCandidate]:
    """Find new candidates and store them as open; returns those created. A fixed number of queries."""
    names = (
        Official.objects.filter(division__isnull=False)
        .values("name")
        .annotate(n=Count("division", distinct=True))
        .filter(n__gte=2)
        .values_list("name", flat=True)
    )
    records = {
        pk: _Record(pk, name, code, place, tuple(successors.split()))
        for pk, name, code, place, successors in Official.objects.filter(
            name__in=list(names), division__isnull=False
        ).values_list("id", "name", "division__code", "division__name", "division__successor_codes")
    }
    if not records:
        return []
    spans = (
        Participation.objects.filter(official_id__in=records, meeting__date__isnull=False)
        .values("official_id")
        .annotate(first=Min("meeting__date"), last=Max("meeting__date"))
    )
    appointed = (
        Appointment.objects.filter(official_id__in=records, meeting__date__isnull=False)
        .values("official_id")
        .annotate(first=Min("meeting__date"), last=Max("meeting__date"))
    )
    for row in [*spans, *appointed]:  # meetings attended and meetings that appointed them
        record = records[row["official_id"]]
        record.first = min(d for d in (record.first, row["first"]) if d is not None)
        record.last = max(d for d in (record.last, row["last"]) if d is not None)
    for official_id, office in (
        Tenure.objects.filter(official_id__in=records).order_by("first_date").values_list("official_id", "post__office")
    ):
        records[official_id].offices.append(office)
    known = set(CrossPlaceCandidate.objects.values_list("earlier_id", "later_id"))
    pairs = []
    by_name = defaultdict(list)
    for record in records.values():
        by_name[record.name].append(record)
    for group in by_name.values():
        for a, b in combinations(sorted(group, key=lambda r: r.id), 2):
            pair = _ordered(a, b)
            if pair and (pair[0].id, pair[1].id) not in known and (pair[1].id, pair[0].id) not in known:
                pairs.append(pair)
    texts = _appointment_texts({later.id for _, later in pairs})
    created = []
    for earlier, later in pairs:
        evidence = _evidence(earlier, later, texts.get(later.id, ()))
        if evidence is None or sum(SCORES[e] for e in evidence) < MIN_SCORE:
            continue
        created.append(
            CrossPlaceCandidate(
                earlier_id=earlier.id,
                later_id=later.id,
                name=earlier.name,
                places=f"{earlier.place} → {later.place}",
                evidence=evidence,
                score=sum(SCORES[e] for e in evidence),
            )
        )
    CrossPlaceCandidate.objects.bulk_create(created, ignore_conflicts=True)
    return created


def _ordered(a: _Record, b: _Record):
    """(earlier, later) when their meetings do not overlap in time; None otherwise."""
    if a.code == b.code or None in (a.first, a.last, b.first, b.last):
        return None
    if a.last < b.first:
        return a, b
    if b.last < a.first:
        return b, a
    return None


def _evidence(earlier: _Record, later: _Record, texts) -> list[str] | None:
    succeeded = later.code in earlier.successors
    if earlier.code[:4] == later.code[:4]:
        evidence = ["same-prefecture"]
    elif earlier.code[:2] == later.code[:2]:
        evidence = ["same-province"]
    elif succeeded:
        evidence = []
    else:
        return None  # another province: too weak to offer
    if succeeded:
        evidence.append("successor-place")
    if earlier.offices and later.offices and rank(earlier.offices[-1]) <= rank(later.offices[0]):
        evidence.append("posts-follow")
    short = _SUFFIX.sub("", earlier.place)
    marks = {f"原{earlier.place}"} | ({f"原{short}"} if len(short) >= 2 else set())
    if any(mark in text for text in texts for mark in marks):
        evidence.append("appointment-names-earlier-post")
    return evidence


def _appointment_texts(official_ids: set[int]) -> dict[int, list[str]]:
    """The text around each appointment of these officials (where `原某县副县长` is written)."""
    texts = defaultdict(list)
    rows = Appointment.objects.filter(official_id__in=official_ids, start__isnull=False).values_list(
        "official_id", "start", "end", "meeting__source__text"
    )
    for official_id, start, end, text in rows:
        texts[official_id].append(text[max(0, start - WINDOW) : (end or start) + WINDOW])
    return texts
