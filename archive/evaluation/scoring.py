"""Scoring: compare a parse with the gold, document by document, and add the documents up.

Plain Python, no Django. Set figures (names, (name, role) pairs, documents, appointments) are
micro-averaged: true positives, false positives and false negatives are summed over all
documents before precision, recall and F1 are taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import Record

# Issue 7's targets on the development set: figure name -> minimum (F1 for set figures).
TARGETS = {
    "names": 0.97,
    "name_role": 0.95,
    "chair": 0.97,
    "date": 0.95,
    "session_number": 0.93,
    "body": 0.90,
    "documents": 0.95,
    "agenda_count": 0.75,
}

ACCURACY_FIELDS = ("date", "date_month_day", "body", "session_number", "chair", "agenda_count")
SET_FIGURES = ("names", "name_role", "documents", "appointments", "appointments_name_action")
# The fields that count in a document's score (month/day would count its date twice).
SCORED_FIELDS = ("date", "body", "session_number", "chair", "agenda_count", "documents", "appointments")


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, parsed: set) -> None:
        self.tp += len(gold & parsed)
        self.fp += len(parsed - gold)
        self.fn += len(gold - parsed)

    @property
    def empty(self) -> bool:
        return not (self.tp or self.fp or self.fn)

    @property
    def precision(self) -> float | None:
        return None if self.empty else (self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0)

    @property
    def recall(self) -> float | None:
        return None if self.empty else (self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0)

    @property
    def f1(self) -> float | None:
        if self.empty:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class DocResult:
    """One document: the gold, the parse (None when it failed, with ``error``), each field's
    verdict (None: not scored for this document) and the set counts."""

    gold: Record
    parsed: Record | None
    error: str | None = None
    checks: dict[str, bool | None] = field(default_factory=dict)
    sets: dict[str, PRF] = field(default_factory=dict)
    missing: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.gold.key

    @property
    def wrong_fields(self) -> list[str]:
        return [name for name in SCORED_FIELDS if self.checks.get(name) is False]

    @property
    def flagged(self) -> bool:
        """The parse gave a curator a reason to look (a failed parse is flagged: it says so)."""
        return self.parsed is None or bool(self.parsed.review)

    @property
    def all_right(self) -> bool:
        """Every scored field right and no person missing or extra."""
        return self.error is None and not self.wrong_fields and not self.missing and not self.extra

    @property
    def score(self) -> int:
        """Badness: wrong fields + missing + extra (name, role) pairs; 0 is a perfect document."""
        return len(self.wrong_fields) + len(self.missing) + len(self.extra)


def compare(gold: Record, parsed: Record | None, error: str | None = None) -> DocResult:
    """Score one document. A failed parse (``parsed`` None) is wrong in every field it could be
    scored in, and every gold person, document and appointment is missed."""
    result = DocResult(gold, parsed, error)
    empty = Record(gold.key, appointments=())
    p = parsed or empty
    ok = parsed is not None
    checks = result.checks
    checks["date"] = ok and p.date == gold.date
    checks["date_month_day"] = ok and (p.month, p.day) == (gold.month, gold.day)
    checks["body"] = ok and p.body == gold.body
    checks["session_number"] = ok and p.session_number == gold.session_number
    checks["chair"] = ok and p.chair == gold.chair
    checks["agenda_count"] = (ok and p.agenda_counts[0] in gold.agenda_counts) if gold.agenda_counts else None

    gold_pairs, parsed_pairs = set(gold.people), set(p.people)
    result.missing = [x for x in gold.people if x not in parsed_pairs]
    result.extra = [x for x in p.people if x not in gold_pairs]
    sets = result.sets
    sets["names"] = _prf(gold.names, p.names)
    sets["name_role"] = _prf(gold_pairs, parsed_pairs)
    sets["documents"] = _prf(set(gold.documents), set(p.documents))
    checks["documents"] = ok and set(gold.documents) == set(p.documents)
    # Appointments are scored where the gold has some or the parser found some.
    if gold.appointments is not None and (gold.appointments or p.appointments):
        g, q = set(gold.appointments), set(p.appointments or ())
        sets["appointments"] = _prf(g, q)
        sets["appointments_name_action"] = _prf({a[:2] for a in g}, {a[:2] for a in q})
        checks["appointments"] = ok and g == q
    else:
        checks["appointments"] = None
    return result


def _prf(gold: set, parsed: set) -> PRF:
    prf = PRF()
    prf.add(gold, parsed)
    return prf


@dataclass
class Figures:
    count: int = 0
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in ACCURACY_FIELDS})
    sets: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in SET_FIGURES})
    appointment_documents: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def value(self, name: str) -> float | None:
        """The figure a target applies to: an accuracy, or a set figure's F1."""
        return self.accuracy[name].value if name in self.accuracy else self.sets[name].f1


def add_up(results: list[DocResult]) -> Figures:
    figures = Figures(count=len(results))
    for result in results:
        if result.error is not None:
            figures.errors.append((result.key, result.error))
        for name, acc in figures.accuracy.items():
            verdict = result.checks.get(name)
            if verdict is not None:
                acc.total += 1
                acc.right += verdict
        for name, prf in figures.sets.items():
            doc = result.sets.get(name)
            if doc is not None:
                prf.tp, prf.fp, prf.fn = prf.tp + doc.tp, prf.fp + doc.fp, prf.fn + doc.fn
        figures.appointment_documents += result.checks.get("appointments") is not None
    return figures


def worst(results: list[DocResult], n: int) -> list[DocResult]:
    """The n documents with the highest score (ties by key), perfect documents left out."""
    imperfect = [r for r in results if r.score or r.error is not None]
    return sorted(imperfect, key=lambda r: (-r.score, r.key))[:n]


@dataclass
class Evaluation:
    """What the command prints: per-document results, their figures and, against the archive,
    the meetings where the parser disagrees with curated data."""

    results: list[DocResult]
    figures: Figures
    disagreements: list[tuple[str, list[str]]] = field(default_factory=list)

    def split(self) -> dict[str, Figures]:
        """The figures of the flagged and the unflagged meetings apart (issue 20: a flag is worth
        its cost when the meetings without one are right far more often)."""
        return {
            "flagged": add_up([r for r in self.results if r.flagged]),
            "unflagged": add_up([r for r in self.results if not r.flagged]),
        }


# The targets among meetings without a review flag, and the share that may be flagged (issue 20).
UNFLAGGED_TARGETS = {"names": 0.99, "agenda_count": 0.90}
MAX_FLAGGED_SHARE = 1 / 3


def all_right_share(results: list[DocResult]) -> float | None:
    return sum(r.all_right for r in results) / len(results) if results else None


def evaluate(pairs) -> Evaluation:
    """``pairs``: (gold Record, parsed Record or None, error or None) per document."""
    results = [compare(gold, parsed, error) for gold, parsed, error in pairs]
    return Evaluation(results, add_up(results))
