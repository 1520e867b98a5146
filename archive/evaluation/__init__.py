"""Parser evaluation (``manage.py evaluate_parser``): score parses against gold records.

``records``, ``scoring``, ``files`` and ``report`` are plain Python with no Django;
``curated`` reads the archive for ``--against-archive``.
"""
