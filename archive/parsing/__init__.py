"""Minutes parsing: plain Python, no Django, so it can be run and tested on a string."""

from .parser import PARSER_VERSION, parse_minutes, parse_text
from .result import (
    ROLES,
    ParsedAgendaItem,
    ParsedMeeting,
    ParsedMinutes,
    ParsedParticipant,
    ParseError,
    ParseWarning,
    WarningKind,
)

__all__ = [
    "PARSER_VERSION",
    "ROLES",
    "ParseError",
    "ParsedAgendaItem",
    "ParsedMeeting",
    "ParsedMinutes",
    "ParsedParticipant",
    "ParseWarning",
    "WarningKind",
    "parse_minutes",
    "parse_text",
]
