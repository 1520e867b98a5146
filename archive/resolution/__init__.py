"""Resolution, the third step: a parse's place as a value, computed once, with no side effect on
the parse.

Takes: ``ParsedMinutes``, the run's ``LoadOptions`` and the document's ``Metadata``. Gives: a
``Resolution``: the locality and the rule that decided it, the GB/T 2260 division it names (read
with the context: the options, the site, the title, the text), and the review reasons the place
gives (``ambiguous-division``, when a shared name such as 朝阳区 is not decided). Reads the
division table (one query for a batch, ``resolve_all``); writes nothing. Officials are matched
when their rows are written (archive.records.officials), by the place resolved here.
"""

from .resolve import Resolution, resolve, resolve_all

__all__ = ["Resolution", "resolve", "resolve_all"]
