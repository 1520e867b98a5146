"""The text side of search, shared by the loader's workers and the site: no Django here."""

from __future__ import annotations

import re
import unicodedata
from operator import add

from .script import count_traditional, to_simplified

RUN = re.compile(r"[\w\u3400-\u9fff]+")
_SPACE = re.compile(r"\s+")
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
        tokens += map(add, run, run[1:])  # each character with the next: run[i : i + 2]
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


def text_alternatives(query: str, names=()) -> list[list[str]]:
    """What a search in the text looks for: the query's runs (all of them, in any order), or, for
    a pinyin query, any one of the names of the officials it matches (each a list of one run)."""
    alternatives = [RUN.findall(normalise_query(query))]
    alternatives += [RUN.findall(normalise_query(name)) for name in names]
    return [runs for runs in alternatives if runs]


def passages(text: str, needles, count: int = 3, side: int = 40) -> list[dict]:
    """Up to ``count`` stretches of ``text`` around matches of any needle (case-insensitive), in
    the order of the text, overlapping stretches merged. Each passage is ``{"parts": [(text,
    is_match), ...], "before": bool, "after": bool}`` (whether text was cut off there): plain
    strings, so a template escapes them like any other text."""
    # Lower-case character by character so that positions stay those of the text.
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    hits = []
    for needle in {n.lower() for n in needles if n}:
        at = lowered.find(needle)
        while at >= 0:
            hits.append((at, at + len(needle)))
            at = lowered.find(needle, at + len(needle))
    hits = _merged(sorted(hits))
    windows = []
    for start, end in hits:
        lo, hi = max(0, start - side), min(len(text), end + side)
        if windows and lo <= windows[-1][1] and hi - windows[-1][0] <= 6 * side:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].append((start, end))
        elif windows and start < windows[-1][1]:
            continue  # cut off at the end of the passage before; the next match starts a new one
        elif len(windows) < count:
            lo = max(lo, windows[-1][1]) if windows else lo  # passages never repeat text
            windows.append([lo, hi, [(start, end)]])
        else:
            break
    found = []
    for lo, hi, marks in windows:
        parts, at = [], lo
        for start, end in marks:
            parts.append((_one_line(text[at:start]), False))
            parts.append((text[start:end], True))
            at = end
        parts.append((_one_line(text[at:hi]), False))
        found.append({"parts": [p for p in parts if p[0]], "before": lo > 0, "after": hi < len(text)})
    return found


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text)


def _merged(spans):
    out = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
