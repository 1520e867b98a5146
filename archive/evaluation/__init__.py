"""Parser evaluation (``manage.py evaluate_parser``): score parses against gold records.

Takes: a gold file and its documents (``files.evaluate_gold``: each file read through intake and
the parse step, as a load reads it), or the archive (``curated.evaluate_archive``: each stored
source read as a re-parse reads it, its curated meeting the gold). Gives: an ``Evaluation``
(per-document results, the figures, and against the archive the curators' disagreements), which
``report`` prints. ``records``, ``scoring`` and ``report`` need no database; ``curated`` reads the
archive for ``--against-archive``.
"""
