"""Review reasons: why a meeting is in the review queue, when a reason is resolved, and how it
reads to people. Below the models (it imports none at run time; the models import it) and below
the pipeline's steps (resolution and records compute reasons with it). The one home for them: the loader and a re-parse compute them here from a parse
(``review_reasons``), a save keeps them current (``open_reasons``, from ``Meeting.save`` and the
signals for participations and agenda items), and every page shows ``ReviewReason.label``
(``Meeting.review_reason_labels``).

A reason is a value, ``ReviewReason(kind, detail)``: its kind is one of ``ReasonKind`` (the kind of
a parse's warning, or ``ambiguous-official``, a name that fits several officials), its detail the
name for ``ambiguous-official``, else None. ``Meeting.review_reasons`` stores each as
``{"kind": ..., "detail": ...}`` (``ReviewReason.as_stored``); the admin's filter matches the
stored kind exactly (``MeetingQuerySet.with_review_reason``); an export writes each as text,
``kind`` or ``kind: detail`` (``ReviewReason.as_text``), as reasons were stored before they were
values. A reason is resolved when what it names is fixed:

================================  =======================================================
``year-missing``                  the year is set
``year-from-option``              a curator edited (confirmed) the year
``date-missing``, ``date-invalid``  the meeting has a calendar date (year, month and day)
``body-missing``                  the body is set
``chair-missing``                 someone chairs (a participation with the role chair)
``agenda-missing``                the meeting has an agenda item
``ambiguous-division``            the meeting has a division
``ambiguous-official`` (NAME)     no participation named NAME is left unlinked
``no-locality`` (PLACES)          the meeting has a locality or a division
================================  =======================================================

``ambiguous-official`` without a name stays until a curator marks the meeting reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext, pgettext, pgettext_lazy

from .parsing.result import REVIEW_FIELDS, ParseWarning, WarningKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Meeting


class ReasonKind(StrEnum):
    """Why a meeting is in the review queue. The one enumeration of review reasons, in the order
    the queue's filter lists them: each warning kind that is a reason (the same name as its
    ``WarningKind``), and the reasons that are no parse warning."""

    YEAR_MISSING = WarningKind.YEAR_MISSING.value
    YEAR_FROM_OPTION = WarningKind.YEAR_FROM_OPTION.value
    DATE_MISSING = WarningKind.DATE_MISSING.value
    DATE_INVALID = WarningKind.DATE_INVALID.value
    BODY_MISSING = WarningKind.BODY_MISSING.value
    CHAIR_MISSING = WarningKind.CHAIR_MISSING.value
    AGENDA_MISSING = WarningKind.AGENDA_MISSING.value
    AMBIGUOUS_DIVISION = WarningKind.AMBIGUOUS_DIVISION.value
    # No warning: the name, written unlinked, fits several officials (the detail names it).
    AMBIGUOUS_OFFICIAL = "ambiguous-official"
    # The parser's doubts about what it read (archive.parsing.review); a curator marks them reviewed.
    UNCERTAIN_CHAIR = WarningKind.UNCERTAIN_CHAIR.value
    UNCERTAIN_AGENDA = WarningKind.UNCERTAIN_AGENDA.value
    NAMES_COUNT_MISMATCH = WarningKind.NAMES_COUNT_MISMATCH.value
    SEVERAL_MEETINGS = WarningKind.SEVERAL_MEETINGS.value
    # The text was read from a scan by OCR: a curator compares it with the original.
    OCR_TEXT = WarningKind.OCR_TEXT.value
    # No warning: nothing names the meeting's place, so nobody in it is linked to an official; the
    # detail lists the places its headline, title, chair's title, site and lead suggest (安吉县、德清县).
    NO_LOCALITY = "no-locality"


# The words for people, by kind.
LABELS = {
    ReasonKind.YEAR_MISSING: pgettext_lazy("review reason", "the year is unknown"),
    ReasonKind.YEAR_FROM_OPTION: pgettext_lazy("review reason", "the year was taken from --year: check it"),
    ReasonKind.DATE_MISSING: pgettext_lazy("review reason", "no meeting date"),
    ReasonKind.DATE_INVALID: pgettext_lazy("review reason", "the date is not a calendar date"),
    ReasonKind.BODY_MISSING: pgettext_lazy("review reason", "no meeting name (body)"),
    ReasonKind.CHAIR_MISSING: pgettext_lazy("review reason", "nobody found who chaired"),
    ReasonKind.AGENDA_MISSING: pgettext_lazy("review reason", "no agenda item found"),
    ReasonKind.AMBIGUOUS_DIVISION: pgettext_lazy(
        "review reason", "the locality names several divisions: set the division"
    ),
    ReasonKind.AMBIGUOUS_OFFICIAL: pgettext_lazy("review reason", "a name fits several officials"),
    ReasonKind.UNCERTAIN_CHAIR: pgettext_lazy(
        "review reason", "the chair is uncertain: several people are said to chair"
    ),
    ReasonKind.UNCERTAIN_AGENDA: pgettext_lazy("review reason", "the agenda count is uncertain: check the agenda"),
    ReasonKind.NAMES_COUNT_MISMATCH: pgettext_lazy(
        "review reason", "the number of people the text gives differs from the names found"
    ),
    ReasonKind.SEVERAL_MEETINGS: pgettext_lazy("review reason", "the page reports several meetings"),
    ReasonKind.OCR_TEXT: pgettext_lazy(
        "review reason", "the text was read from a scan by OCR: compare it with the original"
    ),
    ReasonKind.NO_LOCALITY: pgettext_lazy(
        "review reason", "the meeting's place is unknown: set its locality and division, then re-parse"
    ),
}
# The meeting field each kind is about, as the JSON contract names it (``meeting.review[].field``).
FIELDS = {
    **{ReasonKind(kind.value): field for kind, field in REVIEW_FIELDS.items()},
    ReasonKind.YEAR_MISSING: "year",
    ReasonKind.AMBIGUOUS_OFFICIAL: "participants",
    ReasonKind.NO_LOCALITY: "locality",
}


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages, as Django's does; Django's reads the settings, and this
    module is imported by parse workers, which have no settings to read (a Django start-up each)."""
    return message


AMBIGUOUS_NAMED = gettext_noop("%(name)s fits several officials; link the right one")
NO_LOCALITY_CANDIDATES = gettext_noop(
    "the meeting's place is unknown (perhaps %(places)s): set its locality and division, then re-parse"
)
# How many candidate places a no-locality reason names at most.
MAX_CANDIDATES = 8

# Reasons about the meeting's rows: a change to a participation or agenda item may resolve them.
ROW_KINDS = frozenset({ReasonKind.CHAIR_MISSING, ReasonKind.AGENDA_MISSING, ReasonKind.AMBIGUOUS_OFFICIAL})
# The warnings that are no reason: a year from the page's publication date is fine. Every other
# warning kind is a ReasonKind (a new one missing from both fails the load loudly).
NOT_REASONS = frozenset({WarningKind.YEAR_FROM_PUBLICATION_DATE})


@dataclass(frozen=True)
class ReviewReason:
    """Why a meeting needs a curator: its kind, and what it names (the name, for ambiguous-official)."""

    kind: ReasonKind
    detail: str | None = None

    def __post_init__(self):
        # A plain string names a kind too ("year-missing"); one no enumeration member has is refused here.
        object.__setattr__(self, "kind", ReasonKind(self.kind))
        object.__setattr__(self, "detail", self.detail or None)

    def as_stored(self) -> dict:
        """The form ``Meeting.review_reasons`` keeps (JSON)."""
        return {"kind": self.kind.value, "detail": self.detail}

    def as_contract(self) -> dict:
        """The JSON contract's ``meeting.review`` entry (docs/parsed-minutes-contract.md, version 3)."""
        return {"kind": self.kind.value, "field": FIELDS.get(self.kind), "detail": self.detail}

    @classmethod
    def from_stored(cls, data: dict) -> ReviewReason:
        return cls(data["kind"], data.get("detail"))

    def as_text(self) -> str:
        """'year-missing', 'ambiguous-official: 王伟': what an export writes (and how reasons were
        stored before they were values)."""
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value

    @classmethod
    def from_text(cls, text: str) -> ReviewReason:
        """Read ``as_text`` back; ValueError when the kind is none of ReasonKind."""
        kind, _, detail = text.partition(":")
        return cls(kind.strip(), detail.strip())

    def label(self) -> str:
        """The reason in words, in the active language: 'the year is unknown', '王伟 fits several officials …'."""
        if self.kind is ReasonKind.AMBIGUOUS_OFFICIAL and self.detail:
            return gettext(AMBIGUOUS_NAMED) % {"name": self.detail}
        if self.kind is ReasonKind.NO_LOCALITY and self.detail:
            return gettext(NO_LOCALITY_CANDIDATES) % {"places": self.detail}
        return str(LABELS[self.kind])


def stored_reasons(reasons: Iterable[ReviewReason]) -> list[dict]:
    return [r.as_stored() for r in reasons]


def reasons_from_stored(stored) -> list[ReviewReason]:
    return [ReviewReason.from_stored(data) for data in stored or ()]


def about_rows(stored) -> bool:
    """Whether stored reasons include one a change to the meeting's rows may resolve."""
    return any(r.kind in ROW_KINDS for r in reasons_from_stored(stored))


def joined(labels: list[str]) -> str:
    return pgettext("list separator", "; ").join(labels)


def review_reasons(
    warnings: Iterable[ParseWarning], place: Iterable[ReviewReason] = (), ambiguous: Iterable[str] = ()
) -> list[ReviewReason]:
    """Why a curator should look at a parse: its warnings (but a year from the page is fine), the
    reasons its place gives (``ambiguous-division``: archive.resolution) and the names written
    unlinked because they fit several officials (known only once officials are matched)."""
    reasons = [ReviewReason(ReasonKind(w.kind.value)) for w in warnings if w.kind not in NOT_REASONS]
    reasons.extend(place)
    reasons.extend(ReviewReason(ReasonKind.AMBIGUOUS_OFFICIAL, name) for name in sorted(ambiguous))
    return reasons


def no_locality(candidates: list[str]) -> ReviewReason:
    """The ``no-locality`` reason, naming the candidate places (``archive.parsing.meeting_place``)."""
    return ReviewReason(ReasonKind.NO_LOCALITY, "、".join(candidates[:MAX_CANDIDATES]))


def open_reasons(meeting: Meeting) -> list[ReviewReason]:
    """The meeting's review reasons less those its present state resolves. Queries its rows only
    for reasons about rows (at most three small queries)."""
    reasons = reasons_from_stored(meeting.review_reasons)
    if not reasons:
        return reasons
    kinds = {r.kind for r in reasons}
    participations = meeting.participations if meeting.pk else None
    has_chair = has_agenda = False
    unlinked: set[str] = set()
    if participations is not None and ReasonKind.CHAIR_MISSING in kinds:
        has_chair = participations.filter(role="chair").exists()
    if meeting.pk and ReasonKind.AGENDA_MISSING in kinds:
        has_agenda = meeting.agenda_items.exists()
    if participations is not None and ReasonKind.AMBIGUOUS_OFFICIAL in kinds:
        unlinked = set(participations.filter(official__isnull=True).values_list("name", flat=True))
    dated = meeting.computed_date() is not None

    def resolved(reason: ReviewReason) -> bool:
        match reason.kind:
            case ReasonKind.YEAR_MISSING:
                return meeting.year is not None
            case ReasonKind.YEAR_FROM_OPTION:
                return "year" in (meeting.locked_fields or [])
            case ReasonKind.DATE_MISSING | ReasonKind.DATE_INVALID:
                return dated
            case ReasonKind.BODY_MISSING:
                return bool(meeting.body)
            case ReasonKind.CHAIR_MISSING:
                return has_chair
            case ReasonKind.AGENDA_MISSING:
                return has_agenda
            case ReasonKind.AMBIGUOUS_DIVISION:
                return meeting.division_id is not None
            case ReasonKind.NO_LOCALITY:
                return bool(meeting.locality) or meeting.division_id is not None
            case ReasonKind.AMBIGUOUS_OFFICIAL:
                return reason.detail is not None and reason.detail not in unlinked
        return False

    return [r for r in reasons if not resolved(r)]


def refresh(meeting: Meeting) -> bool:
    """Drop the reasons the meeting's state resolves; with none left it leaves the queue. Returns
    whether anything changed (the caller saves)."""
    before = reasons_from_stored(meeting.review_reasons)
    if not before:
        return False
    remaining = open_reasons(meeting)
    if remaining == before:
        return False
    meeting.review_reasons = stored_reasons(remaining)
    if not remaining:
        meeting.needs_review = False
    return True
