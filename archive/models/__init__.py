from .discards import DiscardedAgendaItem, DiscardedParticipation
from .meetings import AgendaItem, Document, Meeting, MeetingForReview, Participation, PartOfDay, Role, calendar_date
from .people import Official, OfficialAlias, OfficialRedirect, pinyin_fields, pinyin_of
from .search import SearchEntry
from .sources import OriginalFile, SourceDocument

__all__ = [
    "AgendaItem",
    "DiscardedAgendaItem",
    "DiscardedParticipation",
    "Document",
    "Meeting",
    "MeetingForReview",
    "Official",
    "OfficialAlias",
    "OfficialRedirect",
    "OriginalFile",
    "PartOfDay",
    "Participation",
    "Role",
    "SearchEntry",
    "SourceDocument",
    "calendar_date",
    "pinyin_fields",
    "pinyin_of",
]
