"""Vocabulary the parser reads: plain text files, one entry per line, '#' starts a comment.

Data that is data (surnames, title endings, words never in a name, national leaders) lives here,
so adding a surname is a one-line change that needs no regular expression.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of data file ``name``, in order, without comments and blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in (_HERE / name).read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)
