"""Intake: a file's bytes (and its path) in, the documents to parse out. Plain Python, no Django.

A file is recognised by its content first (``sniff``), its extension second: a text file, an
HTML page, a Word .docx, a PDF, or a JSON Lines file of scraper records (one document per line).
Each ``Document`` carries the text the parser reads (``text``, stored as the source's
``raw_text``; ``None`` for a text file, whose bytes the parser decodes as before), the exact
bytes it came from (``data``: the file, or for a JSON Lines record its line), and what the file
says about itself (``meta``: title, URL, site, publication date, column, content source,
locality). What cannot be read raises ``IntakeError`` with a reason a person can act on.
"""

from .documents import Document, IntakeError, Metadata
from .read import SUFFIXES, read_documents, sniff

__all__ = ["SUFFIXES", "Document", "IntakeError", "Metadata", "read_documents", "sniff"]
