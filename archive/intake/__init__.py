"""Intake, the first step: a path, a file's bytes or a stored source in; ``Document``s out.
Plain Python, no Django. All I/O of the pipeline is here: finding files below directories and
reading them within a size limit (.paths), telling a format from the bytes (.read.sniff),
decoding text (.decoding) and reading pages, Word, PDF and JSON Lines (.html, .office, .pdf, .jsonl).

Takes: a path (``read_file`` + ``read_documents``), bytes (``read_documents``) or a stored source
(``document_from_source``). Gives: ``Document``s, each with the text the parser reads (``text``,
stored as the source's ``raw_text``), its codec (``encoding``), the exact bytes it came from
(``data``: the file, or a JSON Lines record's line), what it says about itself (``meta``: title,
URL, site, publication date, column, content source, locality) and its name (``path``, ``line``).
A file is recognised by its content first, its extension second. What cannot be read raises
``IntakeError`` (a JSON Lines file gives one per bad record) with a reason a person can act on.
"""

from .documents import Document, Format, IntakeError, Metadata
from .paths import MAX_BYTES, find_minutes, read_file
from .read import SUFFIXES, read_documents, sniff
from .stored import document_from_source

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Document",
    "Format",
    "IntakeError",
    "Metadata",
    "document_from_source",
    "find_minutes",
    "read_documents",
    "read_file",
    "sniff",
]
