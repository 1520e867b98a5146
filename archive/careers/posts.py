"""Titles as written → posts: (organ, office), read with the table in data/offices.csv (no rules
in code beyond "the longest written office at the end, the organ before it").

``normalise("区委副书记")`` → ``PostName("区委", "副书记", "区委副书记")``;
``normalise("常务副区长")`` → ``("区政府", "常务副区长")`` (the office implies its organ);
``normalise("区发展和改革局局长")`` → ``("区发改局", "局长")``. A title with no known office at
the end (区财政局, 及全体主席团成员) is no post.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data" / "offices.csv"
LEVELS = "省市区县镇乡旗"


class PostName(NamedTuple):
    organ: str
    office: str
    written: str


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """(organ written → canonical), [(office written, canonical, implied organ)] longest first."""
    organs: dict[str, str] = {}
    offices: list[tuple[str, str, str]] = []
    with DATA.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            levels = LEVELS if "{L}" in row["written"] else "-"
            for level in levels:
                written, canonical, implied = (
                    (row[k] or "").replace("{L}", level) for k in ("written", "canonical", "implied_organ")
                )
                if row["kind"] == "organ":
                    organs[written] = canonical
                else:
                    offices.append((written, canonical, implied))
    offices.sort(key=lambda o: -len(o[0]))
    return organs, offices


@lru_cache(maxsize=50000)
def normalise(title: str) -> PostName | None:
    title = (title or "").strip()
    organs, offices = _table()
    for written, canonical, implied in offices:
        if title.endswith(written):
            organ = title[: -len(written)]
            organ = organs.get(organ, organ) if organ else implied
            if not organ:
                return None  # 书记, 秘书长 of what: not a post we can place
            return PostName(organ, canonical, title)
    return None


def posts_of(titles) -> list[PostName]:
    """The posts among a participation's titles, in order, each once."""
    seen, posts = set(), []
    for title in titles or ():
        post = normalise(title)
        if post and (post.organ, post.office) not in seen:
            seen.add((post.organ, post.office))
            posts.append(post)
    return posts
