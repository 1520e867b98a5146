"""Writing a parse into rows: the one home for load_minutes (new meetings, a batch at a time)
and re-parse (a meeting again, from the admin's action or in code).

Both build their rows with the same functions (.rows, .officials, .agenda) from a ``Parse``: the
parsed file, the options it was loaded with (.parses.LoadOptions, stored on the source) and
what curators decided about the meeting (.curation.Curation; nothing, for a new meeting).
Review reasons are computed once officials are resolved, in both.
"""

from .curation import Curation, is_replacing_parsed_rows, replacing_parsed_rows
from .new import write_new
from .parses import LoadOptions, Parse
from .rewrite import ReparseResult, rewrite_meeting

__all__ = [
    "Curation",
    "LoadOptions",
    "Parse",
    "ReparseResult",
    "is_replacing_parsed_rows",
    "replacing_parsed_rows",
    "rewrite_meeting",
    "write_new",
]
