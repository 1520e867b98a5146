"""One path from a file to its records (issue 19): a document loaded, dry-run, re-parsed and
evaluated gives the same parse, warnings and review reasons, in every format.

The minutes name 朝阳区, a name several divisions share, with nothing around it that decides
which: the place is ambiguous, a review reason of the resolution (defect 1: the load stored no
``ambiguous-division`` warning, a re-parse stored one, a dry run printed none). They give no year,
so a document with a publication date takes the year from it, in the evaluation against the
archive too (defect 2: that evaluation left the date out and scored the parse as wrong).
"""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest

from archive.evaluation.curated import evaluate_archive
from archive.evaluation.files import parse_document
from archive.models import Meeting, SourceDocument
from archive.pipeline.load import load_paths
from archive.pipeline.reparse import reparse_source
from tests.intake import shapes
from tests.loading.test_load_minutes import SCHEMA

pytestmark = pytest.mark.django_db

MINUTES = """朝阳区人民政府第十二次常务会议纪要
5月8日上午，区长李明远主持召开朝阳区人民政府第十二次常务会议，副区长周文静、赵海峰出席会议。
一、会议听取了区住房建设局关于老旧小区改造工作情况的汇报。
二、会议研究了全区防汛工作。
"""
PUBLISHED = datetime.date(2023, 5, 9)
SITE = "朝阳区人民政府"


def _record() -> bytes:
    record = {"text": MINUTES, "title": "区政府常务会议", "published": PUBLISHED.isoformat(), "site": SITE}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


FILES = {
    "text": ("minutes.txt", lambda: MINUTES.encode("gb18030"), None),
    "html": (
        "minutes.html",
        lambda: shapes.cms_page(MINUTES, published="2023-05-09 10:00", site=SITE, url="http://example.cn/a/1.html"),
        PUBLISHED,
    ),
    "docx": ("minutes.docx", lambda: shapes.docx_bytes(MINUTES), None),
    "pdf": ("minutes.pdf", lambda: shapes.pdf_bytes(MINUTES), None),
    "jsonl": ("records.jsonl", _record, PUBLISHED),
}


def _without_place(meeting: dict) -> dict:
    """The parse alone: the contract's meeting less what the resolution adds."""
    return {k: v for k, v in meeting.items() if k not in ("locality", "division", "review")}


# Gaps of a report read completely: in the queue for a curator to fill, not doubts in the review.
GAPS = {"year-missing", "date-missing", "chair-missing"}


def assert_queue_matches_review(stored: list[dict], review: list[dict]) -> None:
    queued, doubted = [r["kind"] for r in stored], [r["kind"] for r in review]
    assert set(doubted) <= set(queued) and set(queued) - set(doubted) <= GAPS, (queued, doubted)


@pytest.mark.parametrize("kind", FILES)
def test_every_way_in_gives_the_same_parse_warnings_and_review_reasons(kind, tmp_path):
    if kind == "pdf" and not shapes.CJK_FONT.exists():
        pytest.skip("no CJK font to draw the PDF with")
    name, build, published = FILES[kind]
    path = tmp_path / name
    data = build()
    path.write_bytes(data)

    dry = load_paths([path], dry_run=True).results[0]
    assert dry.status == "parsed", dry.error
    jsonschema.validate(dry.as_contract(), SCHEMA)
    meeting = dry.meeting
    assert meeting["locality"] == "朝阳区" and meeting["division"] is None
    assert {"kind": "ambiguous-division", "field": "division", "detail": None} in meeting["review"]
    assert (meeting["year"], meeting["month"], meeting["day"]) == (published and published.year, 5, 8)

    loaded = load_paths([path]).results[0]
    assert loaded.status == "loaded", loaded.error
    assert loaded.meeting == meeting
    assert loaded.warnings == dry.warnings
    source = SourceDocument.objects.get()
    stored = Meeting.objects.get()
    assert source.warnings == [w.as_stored() for w in dry.warnings]
    assert_queue_matches_review(stored.review_reasons, meeting["review"])
    assert stored.needs_review

    result = reparse_source(source)
    assert result.status == "unchanged", result.summary()
    source.refresh_from_db()
    stored.refresh_from_db()
    assert source.warnings == [w.as_stored() for w in dry.warnings]
    assert_queue_matches_review(stored.review_reasons, meeting["review"])

    # --gold reads the file as a load does (intake, then the parse step) ...
    parsed, error = parse_document(data, str(path), 1 if kind == "jsonl" else None)
    assert error is None
    assert _without_place(parsed.as_contract()) == _without_place(meeting)
    # ... and --against-archive reads the stored source as a re-parse does (its publication date too).
    evaluation = evaluate_archive()
    [scored] = evaluation.results
    assert scored.error is None and scored.wrong_fields == [], scored.checks
    assert evaluation.disagreements == []


def test_a_resolution_leaves_the_parse_as_it_was(tmp_path):
    """Defect 1's cause: resolving the place appended a warning to the parse as a side effect."""
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    [result] = load_paths([path]).results
    parse = result._parse
    assert parse.resolution.division.ambiguous
    assert [w.kind for w in parse.parsed.meeting.warnings] == ["year-missing"]
    assert [r["kind"] for r in result.meeting["review"]] == ["ambiguous-division"]  # no year is a gap, no doubt


def test_texts_longer_than_their_columns_are_cut_in_the_rows(tmp_path):
    """Intake and the parser give text as it is; the row builders cut it to each column's length."""
    record = {
        "text": MINUTES,
        "title": "题" * 600,
        "url": "https://example.cn/" + "a" * 2100,
        "published": "2023-05-09",
    }
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [result] = load_paths([path]).results
    assert result.status == "loaded", result.error
    source = SourceDocument.objects.get()
    assert source.title == "题" * 500 and len(source.url) == 2000


def test_a_gold_set_is_read_through_intake(tmp_path):
    """evaluate_parser --gold scores a page, a Word file and a JSON Lines record (FILE:LINE) on
    the path a load takes: the page's article and publication date, the record's date."""
    from archive.evaluation.files import evaluate_gold

    docs = tmp_path / "docs"
    docs.mkdir()
    for kind in ("html", "docx", "jsonl"):
        name, build, _ = FILES[kind]
        (docs / name).write_bytes(build())
    people = [
        {"name": "李明远", "role": "chair"},
        {"name": "周文静", "role": "attendee"},
        {"name": "赵海峰", "role": "attendee"},
    ]
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"file": file, "date": {"year": year, "month": 5, "day": 8}, "body": "区政府常务会议", "session_number": 12}
        | {"chair": "李明远", "participants": people, "agenda_item_count": 2, "documents": []}
        for file, year in (("minutes.html", 2023), ("minutes.docx", None), ("records.jsonl:1", 2023))
    ]
    gold.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    evaluation = evaluate_gold(gold, docs)
    assert [(r.key, r.error, r.wrong_fields, r.missing, r.extra) for r in evaluation.results] == [
        (line["file"], None, [], [], []) for line in lines
    ]
