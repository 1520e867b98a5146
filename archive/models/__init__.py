from .meetings import AgendaItem, Document, Meeting, Participation, PartOfDay, Role
from .people import Official, OfficialAlias, OfficialRedirect, initials_of, pinyin_of
from .sources import SourceDocument

__all__ = [
    "AgendaItem",
    "Document",
    "Meeting",
    "Official",
    "OfficialAlias",
    "OfficialRedirect",
    "PartOfDay",
    "Participation",
    "Role",
    "SourceDocument",
    "initials_of",
    "pinyin_of",
]
