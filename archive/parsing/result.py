"""Plain data returned by the parser. No Django here: these travel to the loader and to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a person did at a meeting. The one enumeration of roles: the models' choices, the
    admin's imports and the exports are built from it."""

    CHAIR = "chair"  # 主持
    ATTENDEE = "attendee"  # 出席 / 参加
    OBSERVER = "observer"  # 列席
    CONVEYOR = "conveyor"  # 传达
    REPORTER = "reporter"  # 汇报 / 通报 / 作…报告
    SPEAKER = "speaker"  # 讲话 / 发言


ROLES = tuple(role.value for role in Role)


class Action(StrEnum):
    """What a personnel decision (任免) does to its person; the models' choices are built from it."""

    APPOINT = "appoint"  # 任命, 聘任, 选举 … with a post
    REMOVE = "remove"  # 免去, 撤销, an accepted resignation


class Script(StrEnum):
    """The script a text is written in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


class LocalityRule(StrEnum):
    """Which rule decided a meeting's locality (archive.resolution), in the order they are tried."""

    TEXT = "text"  # the meeting sentence names it
    HEADLINE = "headline"  # the headline does (archive.parsing.meeting_place)
    TITLE = "title"  # a page's, Word or PDF file's title does
    CHAIR = "chair"  # the chair's post does (安吉县县长甲某)
    MAP = "map"  # --locality-map, by the file's site or folder
    SITE = "site"  # the page's metadata (site name, a record's locality)
    OPTION = "option"  # --locality
    NONE = ""  # nothing gives one


class WarningKind(StrEnum):
    """What a warning is about. The one enumeration of warning kinds: code compares these, never
    a warning's text; the review queue names its reasons by them (archive.review)."""

    YEAR_MISSING = "year-missing"
    YEAR_FROM_PUBLICATION_DATE = "year-from-publication-date"
    YEAR_FROM_OPTION = "year-from-option"
    DATE_MISSING = "date-missing"
    DATE_INVALID = "date-invalid"
    BODY_MISSING = "body-missing"
    CHAIR_MISSING = "chair-missing"
    AGENDA_MISSING = "agenda-missing"
    # Added when the locality is resolved to a division (archive.resolution), not by the parser.
    AMBIGUOUS_DIVISION = "ambiguous-division"
    # The parser's doubts about its own reading (archive.parsing.review).
    UNCERTAIN_CHAIR = "uncertain-chair"
    UNCERTAIN_AGENDA = "uncertain-agenda"
    NAMES_COUNT_MISMATCH = "names-count-mismatch"
    SEVERAL_MEETINGS = "several-meetings"


# Warnings that are not in a parse's ``review`` (contract v3): a year from the page's publication
# date is fine, and a report that gives no year is read completely: the year is a gap for a curator
# to fill (the archive's queue keeps year-missing for that), not a doubt about what was read. Half
# of all reports give no year; a flag on each would say nothing.
NOT_REVIEW = frozenset({WarningKind.YEAR_FROM_PUBLICATION_DATE, WarningKind.YEAR_MISSING})

# The field of the meeting each review reason doubts (contract v3, ``meeting.review[].field``).
REVIEW_FIELDS = {
    WarningKind.YEAR_FROM_OPTION: "year",
    WarningKind.DATE_MISSING: "day",
    WarningKind.DATE_INVALID: "day",
    WarningKind.BODY_MISSING: "body",
    WarningKind.CHAIR_MISSING: "chair",
    WarningKind.AGENDA_MISSING: "agenda_items",
    WarningKind.AMBIGUOUS_DIVISION: "division",
    WarningKind.UNCERTAIN_CHAIR: "chair",
    WarningKind.UNCERTAIN_AGENDA: "agenda_items",
    WarningKind.NAMES_COUNT_MISMATCH: "participants",
}


@dataclass(frozen=True)
class ParseWarning:
    """Something a person should know about a parse: its kind, and a sentence saying what was seen."""

    kind: WarningKind
    message: str

    def __post_init__(self):
        # A plain string names a kind too ("year-missing"); one no enumeration member has is refused here.
        object.__setattr__(self, "kind", WarningKind(self.kind))

    def as_contract(self) -> str:
        """'kind: message', as the JSON contract has it (docs/parsed-minutes-contract.md). The one
        place that text is made: everything else keeps the value."""
        return f"{self.kind.value}: {self.message}"

    def as_stored(self) -> dict:
        """The form ``SourceDocument.warnings`` keeps (JSON)."""
        return {"kind": self.kind.value, "message": self.message}

    @property
    def is_review_reason(self) -> bool:
        return self.kind not in NOT_REVIEW

    def as_review(self) -> dict:
        """``{"kind", "field", "detail"}``, as contract v3's ``meeting.review`` lists it."""
        return {"kind": self.kind.value, "field": REVIEW_FIELDS.get(self.kind), "detail": self.message}

    @classmethod
    def from_stored(cls, data: dict) -> ParseWarning:
        return cls(data["kind"], data["message"])

    @classmethod
    def from_contract(cls, text: str) -> ParseWarning:
        """Read 'kind: message' back, for text from outside (a spreadsheet cell an export wrote);
        ValueError when the kind is none of WarningKind."""
        kind, _, message = text.partition(":")
        return cls(kind.strip(), message.strip())


def stored_warnings(warnings) -> list[dict]:
    return [w.as_stored() for w in warnings]


def warnings_from_stored(stored) -> list[ParseWarning]:
    return [ParseWarning.from_stored(data) for data in stored or ()]


class ParseError(ValueError):
    """The input cannot be read as meeting minutes; the message says why, for a person."""


@dataclass(frozen=True)
class ParsedParticipant:
    name: str
    role: str
    titles: tuple[str, ...]
    # Character span of the name in the cleaned text.
    start: int
    end: int

    def as_contract(self) -> dict:
        return {"name": self.name, "role": self.role, "titles": list(self.titles)}


@dataclass(frozen=True)
class ParsedAppointment:
    """A personnel decision (任免) that names its person."""

    name: str
    action: Action
    post: str | None
    # Character span of the name in the cleaned text.
    start: int
    end: int

    def __post_init__(self):
        object.__setattr__(self, "action", Action(self.action))  # refused here when no Action has it

    def as_contract(self) -> dict:
        return {"name": self.name, "action": self.action, "post": self.post}


@dataclass
class ParsedAgendaItem:
    order: int
    title: str
    text: str
    kind: str
    documents: list[str] = field(default_factory=list)

    def as_contract(self) -> dict:
        return {"order": self.order, "title": self.title, "documents": list(self.documents)}


@dataclass
class ParsedMeeting:
    year: int | None
    month: int | None
    day: int | None
    part_of_day: str | None
    body: str | None
    session_number: int | None
    locality: str | None
    participants: list[ParsedParticipant]
    agenda_items: list[ParsedAgendaItem]
    documents: list[str]
    warnings: list[ParseWarning]
    appointments: list[ParsedAppointment] = field(default_factory=list)
    # Matters handled when the text counts them ('等8项文件精神') beyond the items it names.
    agenda_item_count: int | None = None
    # The warnings that doubt what was read (a subset of ``warnings``): contract v3's ``review``.
    doubts: list[ParseWarning] = field(default_factory=list)

    @property
    def review(self) -> list[dict]:
        """Why a curator should check this parse (contract v3): the parser's doubts about what it
        read (``doubts``), not the facts a report does not give (archive.parsing.review)."""
        return [w.as_review() for w in self.doubts]

    def as_contract(self) -> dict:
        return {
            "year": self.year,
            "month": self.month,
            "day": self.day,
            "part_of_day": self.part_of_day,
            "body": self.body,
            "session_number": self.session_number,
            "locality": self.locality,
            "participants": [p.as_contract() for p in self.participants],
            "agenda_items": [a.as_contract() for a in self.agenda_items],
            "agenda_item_count": self.agenda_item_count
            if self.agenda_item_count is not None
            else len(self.agenda_items),
            "documents": list(self.documents),
            "appointments": [a.as_contract() for a in self.appointments],
            "warnings": [w.as_contract() for w in self.warnings],
            "review": self.review,
        }


@dataclass
class ParsedMinutes:
    encoding: str
    script: Script
    raw_text: str
    text: str
    meeting: ParsedMeeting
    # Maps an offset in ``text`` back to ``raw_text`` (see cleaning.OffsetMap).
    offsets: object = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start), self.offsets.to_raw(end - 1) + 1
