"""The text side of search, shared by the loader's workers and the site: no Django here."""

from __future__ import annotations

import re
import unicodedata

from .script import count_traditional, to_simplified

RUN = re.compile(r"[\w\u3400-\u9fff]+")
_LETTERS = re.compile(r"^[a-z\s'’:ü\u0300-\u036f]+$")


def normalise(text: str) -> str:
    """Simplified, lower-case. Simplified input never passes through t2s (王丙乾 stays)."""
    if count_traditional(text):
        text = to_simplified(text)
    return text.lower()


def normalise_query(query: str) -> str:
    return " ".join(normalise(query or "").split())


def pinyin_query(query: str) -> str:
    """'Chén Háo', 'chen hao', 'chenhao' -> 'chenhao'; '' when the query is not pinyin letters."""
    decomposed = unicodedata.normalize("NFD", (query or "").strip().lower())
    if not decomposed or not _LETTERS.match(decomposed):
        return ""
    decomposed = decomposed.replace("u\u0308", "v")
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def bigrams(text: str, normalised: bool = False) -> str:
    tokens = []
    for run in RUN.findall(text if normalised else normalise(text)):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def query_terms(query: str) -> list[list[str]]:
    """Each whitespace-separated part of the query as its bigram sequence (or one character)."""
    terms = []
    for run in RUN.findall(normalise_query(query)):
        terms.append([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return terms


def meeting_text(fields: dict, participations, agenda_titles, document_titles) -> str:
    """What a meeting is found by; ``fields`` holds body, locality, year and part_of_day."""
    parts = [fields["body"], fields["locality"], str(fields["year"] or ""), fields["part_of_day"]]
    for p in participations:
        parts.append(p.name)
        parts.extend(p.titles)
    parts.extend(agenda_titles)
    parts.extend(document_titles)
    return " ".join(x for x in parts if x)
