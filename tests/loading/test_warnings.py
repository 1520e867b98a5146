"""Warnings from the parser to the database and the summary: stored as values, counted by kind,
printed as 'kind: message' only in the JSON contract."""

import io
import json

import pytest
from django.core.management import call_command

from archive.models import SourceDocument
from archive.parsing import ParseWarning, WarningKind
from archive.pipeline.load import FileResult, LoadReport
from archive.pipeline.reparse import reparse_source

pytestmark = pytest.mark.django_db

NO_YEAR = "3月4日，区长王某主持召开区政府常务会议。会议研究了防汛工作。"
YEAR_MISSING = {"kind": "year-missing", "message": "the text gives no year; pass --year or set it in the admin"}


def test_a_loaded_source_stores_its_warnings_as_values(load_text):
    meeting = load_text(NO_YEAR)
    assert meeting.source.warnings == [YEAR_MISSING]
    assert meeting.review_reasons == [{"kind": "year-missing", "detail": None}]


def test_a_reparse_stores_its_warnings_as_values(load_text):
    source = load_text(NO_YEAR, year=2019).source
    source.year_option = None  # as if loaded without --year: the re-parse finds no year
    source.save(update_fields=["year_option"])
    reparse_source(source)
    assert SourceDocument.objects.get(pk=source.pk).warnings == [YEAR_MISSING]


def test_json_output_and_summary_keep_their_text(tmp_path):
    path = tmp_path / "no_year.txt"
    path.write_text(NO_YEAR, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("load_minutes", "--json", str(path), stdout=out, stderr=err)
    (result,) = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert result["meeting"]["warnings"] == [f"{YEAR_MISSING['kind']}: {YEAR_MISSING['message']}"]
    assert "warnings: year-missing 1" in err.getvalue()


def test_the_summary_counts_kinds_not_text():
    """A message that mentions another kind counts for its own kind only."""
    results = [
        FileResult("a.txt", "a", "loaded", warnings=[ParseWarning(WarningKind.DATE_INVALID, "year-missing: odd")]),
        FileResult("b.txt", "b", "parsed", warnings=[ParseWarning(WarningKind.DATE_INVALID, "2021年2月30日")]),
        FileResult("c.txt", "c", "unchanged", warnings=[ParseWarning(WarningKind.YEAR_MISSING, "counted before")]),
    ]
    assert LoadReport(results).warnings_by_kind() == {WarningKind.DATE_INVALID: 2}
