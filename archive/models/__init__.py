from .careers import Appointment, CrossPlaceCandidate, Post, Tenure
from .discards import DiscardedAgendaItem, DiscardedParticipation
from .meetings import AgendaItem, Document, Meeting, MeetingForReview, Participation, PartOfDay, Role, calendar_date
from .people import Official, OfficialAlias, OfficialRedirect, pinyin_fields, pinyin_of
from .places import Division
from .search import SearchEntry
from .sources import OriginalFile, SourceDocument

__all__ = [
    "AgendaItem",
    "Appointment",
    "CrossPlaceCandidate",
    "DiscardedAgendaItem",
    "DiscardedParticipation",
    "Division",
    "Document",
    "Meeting",
    "MeetingForReview",
    "Official",
    "OfficialAlias",
    "OfficialRedirect",
    "OriginalFile",
    "PartOfDay",
    "Post",
    "Participation",
    "Role",
    "SearchEntry",
    "SourceDocument",
    "Tenure",
    "calendar_date",
    "pinyin_fields",
    "pinyin_of",
]
