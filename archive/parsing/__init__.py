"""Parsing, the second step: plain Python, no Django, no I/O, so it can be run and tested on a string.

Takes: an intake ``Document`` (its text, codec and publication date) and the run's ``LoadOptions``
(``--year``). Gives: ``ParsedMinutes`` (the meeting: date, body, participants, agenda items,
documents, appointments, and the parser's warnings), through one entry point, ``parse_document``.
``parse_text`` is the same on a decoded string; ``parse_minutes`` on a text file's bytes (tests).
"""

from .options import LoadOptions
from .parser import PARSER_VERSION, parse_document, parse_minutes, parse_text
from .result import (
    ROLES,
    Action,
    LocalityRule,
    ParsedAgendaItem,
    ParsedMeeting,
    ParsedMinutes,
    ParsedParticipant,
    ParseError,
    ParseWarning,
    Role,
    Script,
    WarningKind,
)

__all__ = [
    "PARSER_VERSION",
    "ROLES",
    "Action",
    "LocalityRule",
    "Role",
    "Script",
    "LoadOptions",
    "ParseError",
    "ParsedAgendaItem",
    "ParsedMeeting",
    "ParsedMinutes",
    "ParsedParticipant",
    "ParseWarning",
    "WarningKind",
    "parse_document",
    "parse_minutes",
    "parse_text",
]
