from .meetings import AgendaItem, Document, Meeting, MeetingForReview, Participation, PartOfDay, Role, calendar_date
from .people import Official, OfficialAlias, OfficialRedirect, initials_of, pinyin_of
from .search import SearchEntry
from .sources import SourceDocument

__all__ = [
    "AgendaItem",
    "Document",
    "Meeting",
    "MeetingForReview",
    "Official",
    "OfficialAlias",
    "OfficialRedirect",
    "PartOfDay",
    "Participation",
    "Role",
    "SearchEntry",
    "SourceDocument",
    "calendar_date",
    "initials_of",
    "pinyin_of",
]
