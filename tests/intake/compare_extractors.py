"""Compare HTML article extractors on pages in the real shapes (README, "Loading minutes").

    python -m tests.intake.compare_extractors [REPEATS]

For each page shape and extractor: whether the extracted text parses to the same meeting as the
plain-text minutes, the characters of noise left (lines that are not the minutes' lines, before
and after the parser's cleaning), lines of the minutes lost, and milliseconds per page. "the archive's" is what load_minutes does
(resiliparse, and readability-lxml where resiliparse left out a list of text or found no
article); trafilatura is not a dependency: `pip install trafilatura` to compare it too.
"""

from __future__ import annotations

import sys
import time

from archive.intake.html import _text, _with_title, decode_html, page_metadata, page_tree, read_html_text
from archive.parsing import parse_text
from tests.intake import shapes

PAGES = {
    "government CMS": ("cms", shapes.cms_page),
    "news portal": ("portal", shapes.portal_page),
    "table layout": ("table", shapes.table_page),
    "agenda as a list": ("list", shapes.list_page),
}


def readability(text: str) -> str:
    import lxml.html
    from readability import Document

    tree = page_tree(text)
    title = page_metadata(tree).title
    summary = Document(tree, retry_length=40).summary(html_partial=True)
    return _with_title(_text(lxml.html.fragment_fromstring(summary, create_parent="div")), title)


def trafilatura(text: str) -> str:
    import trafilatura as t

    tree = page_tree(text)
    title = page_metadata(tree).title
    return _with_title(t.extract(text, include_tables=True, include_comments=False, deduplicate=False) or "", title)


def resiliparse(text: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    title = page_metadata(page_tree(text)).title
    extracted = extract_plain_text(
        HTMLTree.parse(text), main_content=True, preserve_formatting=True, list_bullets=False, alt_texts=False
    )
    return _with_title(extracted, title)


def archive(text: str) -> str:
    """What the archive does: resiliparse, readability-lxml where resiliparse dropped a list."""
    return read_html_text(text)[0]


EXTRACTORS = {
    "readability-lxml": readability,
    "trafilatura": trafilatura,
    "resiliparse": resiliparse,
    "the archive's": archive,
}


def noise(extracted: str, minutes: str) -> tuple[int, int]:
    wanted = {line.strip() for line in minutes.splitlines()}
    left = sum(len(line) for line in extracted.splitlines() if line.strip() not in wanted)
    missing = sum(1 for line in wanted if line and line not in extracted)
    return left, missing


def _installed(extract) -> bool:
    try:
        extract("<html><body><p>试</p></body></html>")
    except ImportError:
        print(f"({extract.__name__} is not installed: left out)")
        return False
    except Exception:  # noqa: BLE001 (an extractor may refuse the empty page: it is there)
        return True
    return True


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(
        f"{'page':16} {'extractor':17} {'same meeting':>12} {'noise chars':>11} {'after cleaning':>14} {'lines lost':>10} {'ms/page':>8}"
    )
    extractors = {name: extract for name, extract in EXTRACTORS.items() if _installed(extract)}
    for label, (name, build) in PAGES.items():
        minutes = shapes.minutes_text(name)
        text, _ = decode_html(build(minutes))
        published = page_metadata(page_tree(text)).published
        expected = parse_text(minutes, published=published).meeting.as_contract()
        for extractor, extract in extractors.items():
            extracted = extract(text)
            start = time.perf_counter()
            for _ in range(repeats):
                extract(text)
            ms = (time.perf_counter() - start) / repeats * 1000
            try:
                parsed = parse_text(extracted, published=published)
                same, cleaned = parsed.meeting.as_contract() == expected, parsed.text
            except ValueError:
                same, cleaned = False, ""
            left, missing = noise(extracted, minutes)
            after, _ = noise(cleaned, minutes)
            print(
                f"{label:16} {extractor:17} {'yes' if same else 'NO':>12} {left:>11} {after:>14} {missing:>10} {ms:>8.2f}"
            )


if __name__ == "__main__":
    main()
