"""Parsing, the second step: plain Python, no Django, no I/O, so it can be run and tested on a string.

Takes: an intake ``Document`` (its text, codec and publication date) and the run's ``LoadOptions``
(``--year``). Gives: ``ParsedMinutes`` (the meeting: date, body, participants, agenda items,
documents, appointments, and the parser's warnings), through one entry point, ``parse_document``.
``parse_text`` is the same on a decoded string; ``parse_minutes`` on a text file's bytes (tests).
"""

from .options import LoadOptions
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

# The parser (its rules compile ~170 regular expressions, ~0.15 s) is imported when first used:
# the models import this package for its enumerations, and `manage.py load_minutes --help`
# or a page needs no parser.
_FROM_PARSER = ("PARSER_VERSION", "parse_document", "parse_minutes", "parse_text")


def __getattr__(name: str):
    if name in _FROM_PARSER:
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
