"""Review reasons: why a meeting is in the review queue, when a reason is resolved, and how it
reads to people. The one home for them: the loader and a re-parse compute them here from a parse
(``review_reasons``), a save keeps them current (``open_reasons``, from ``Meeting.save`` and the
signals for participations and agenda items), and every page shows ``label`` (``Meeting.review_reason_labels``).

A reason comes from a parse's warnings (its ``WarningKind``) or from a name that fits several
officials. It is stored as the kind (``year-missing``), or as ``ambiguous-official: NAME``; the
admin's filter searches that stored text. It is resolved when what it names is fixed:

================================  =======================================================
``year-missing``                  the year is set
``year-from-option``              a curator edited (confirmed) the year
``date-missing``, ``date-invalid``  the meeting has a calendar date (year, month and day)
``body-missing``                  the body is set
``chair-missing``                 someone chairs (a participation with the role chair)
``agenda-missing``                the meeting has an agenda item
``ambiguous-official: NAME``      no participation named NAME is left unlinked
``ambiguous-division``            the meeting has a division
================================  =======================================================

A reason of another kind stays until a curator marks the meeting reviewed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import pgettext_lazy as _p

from ..parsing.result import WarningKind

if TYPE_CHECKING:
    from ..models import Meeting
    from .parses import Parse

AMBIGUOUS = "ambiguous-official"

# The kinds, in the order the queue's filter lists them, with their words for people.
LABELS = {
    WarningKind.YEAR_MISSING: _p("review reason", "the year is unknown"),
    WarningKind.YEAR_FROM_OPTION: _p("review reason", "the year was taken from --year: check it"),
    WarningKind.DATE_MISSING: _p("review reason", "no meeting date"),
    WarningKind.DATE_INVALID: _p("review reason", "the date is not a calendar date"),
    WarningKind.BODY_MISSING: _p("review reason", "no meeting name (body)"),
    WarningKind.CHAIR_MISSING: _p("review reason", "nobody found who chaired"),
    WarningKind.AGENDA_MISSING: _p("review reason", "no agenda item found"),
    WarningKind.AMBIGUOUS_DIVISION: _p("review reason", "the locality names several divisions: set the division"),
    AMBIGUOUS: _p("review reason", "a name fits several officials"),
}
AMBIGUOUS_NAMED = gettext_noop("%(name)s fits several officials; link the right one")

# Reasons about the meeting's rows: a change to a participation or agenda item may resolve them.
ROW_KINDS = frozenset({WarningKind.CHAIR_MISSING, WarningKind.AGENDA_MISSING, AMBIGUOUS})
# The warnings that are no reason: a year from the page's publication date is fine.
NOT_REASONS = frozenset({WarningKind.YEAR_FROM_PUBLICATION_DATE})


def kind_of(reason: str) -> str:
    """The kind of a stored reason: 'year-missing' → 'year-missing', 'ambiguous-official: 王伟' → 'ambiguous-official'."""
    return reason.split(":", 1)[0].strip()


def label(reason: str) -> str:
    """The reason in words, in the active language: 'the year is unknown', '王伟 fits several officials …'."""
    kind = kind_of(reason)
    if kind == AMBIGUOUS and ":" in reason:
        return gettext(AMBIGUOUS_NAMED) % {"name": reason.split(":", 1)[1].strip()}
    return str(LABELS.get(kind, reason))


def joined(labels: list[str]) -> str:
    return pgettext("list separator", "; ").join(labels)


def review_reasons(parse: Parse, ambiguous: set[str]) -> list[str]:
    """Why a curator should look at a parse: its warnings (but a year from the page is fine), and
    the names written unlinked because they fit several officials. Known only once officials are resolved."""
    warnings = parse.parsed.meeting.warnings
    reasons = [w.kind.value for w in warnings if w.kind not in NOT_REASONS]
    written = {p.name for _, p in parse.participants}
    reasons.extend(f"{AMBIGUOUS}: {name}" for name in sorted(ambiguous & written))
    return reasons


def open_reasons(meeting: Meeting) -> list[str]:
    """The meeting's review reasons less those its present state resolves. Queries its rows only
    for reasons about rows (at most three small queries)."""
    reasons = list(meeting.review_reasons or [])
    if not reasons:
        return reasons
    kinds = {kind_of(r) for r in reasons}
    participations = meeting.participations if meeting.pk else None
    has_chair = has_agenda = False
    unlinked: set[str] = set()
    if participations is not None and WarningKind.CHAIR_MISSING in kinds:
        has_chair = participations.filter(role="chair").exists()
    if meeting.pk and WarningKind.AGENDA_MISSING in kinds:
        has_agenda = meeting.agenda_items.exists()
    if participations is not None and AMBIGUOUS in kinds:
        unlinked = set(participations.filter(official__isnull=True).values_list("name", flat=True))
    dated = meeting.computed_date() is not None

    def resolved(reason: str) -> bool:
        kind = kind_of(reason)
        if kind == WarningKind.YEAR_MISSING:
            return meeting.year is not None
        if kind == WarningKind.YEAR_FROM_OPTION:
            return "year" in (meeting.locked_fields or [])
        if kind in (WarningKind.DATE_MISSING, WarningKind.DATE_INVALID):
            return dated
        if kind == WarningKind.BODY_MISSING:
            return bool(meeting.body)
        if kind == WarningKind.CHAIR_MISSING:
            return has_chair
        if kind == WarningKind.AGENDA_MISSING:
            return has_agenda
        if kind == WarningKind.AMBIGUOUS_DIVISION:
            return meeting.division_id is not None
        if kind == AMBIGUOUS and ":" in reason:
            return reason.split(":", 1)[1].strip() not in unlinked
        return False

    return [r for r in reasons if not resolved(r)]


def refresh(meeting: Meeting) -> bool:
    """Drop the reasons the meeting's state resolves; with none left it leaves the queue. Returns
    whether anything changed (the caller saves)."""
    before = list(meeting.review_reasons or [])
    if not before:
        return False
    remaining = open_reasons(meeting)
    if remaining == before:
        return False
    meeting.review_reasons = remaining
    if not remaining:
        meeting.needs_review = False
    return True
