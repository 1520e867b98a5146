"""Records, the fourth step: a parse and its resolution written as rows, one writer for new loads
and re-parses.

Takes: ``Parse`` values (.parses: the parsed document, the options it was loaded with, its
``Resolution`` and what curators decided about the meeting; nothing, for a new meeting). Gives:
rows (sources, original bytes, meetings, participations, agenda items, documents, appointments,
officials, search entries, tenures) and, per record, what happened: ``write_new`` (.new) inserts
a batch of new meetings (``None`` for one another writer stored meanwhile: unchanged);
``rewrite_meeting`` (.rewrite) writes a meeting again, keeping what curators did, and says what
changed (updated) or that nothing did (unchanged). Both build rows with the same functions (.rows,
.officials, .agenda, .appointments) and compute review reasons (archive.review) once officials are
matched. Submodules are imported by name: this package's own import stays free of Django, so
parse workers can build ``FileParse`` values (.parses).
"""
