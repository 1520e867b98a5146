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
    action: str  # "appoint" | "remove"
    post: str | None
    # Character span of the name in the cleaned text.
    start: int
    end: int

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
    warnings: list[str]
    appointments: list[ParsedAppointment] = field(default_factory=list)
    # Matters handled when the text counts them ('等8项文件精神') beyond the items it names.
    agenda_item_count: int | None = None

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
            "warnings": list(self.warnings),
        }


@dataclass
class ParsedMinutes:
    encoding: str
    script: str
    raw_text: str
    text: str
    meeting: ParsedMeeting
    # Maps an offset in ``text`` back to ``raw_text`` (see cleaning.OffsetMap).
    offsets: object = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start), self.offsets.to_raw(end - 1) + 1
