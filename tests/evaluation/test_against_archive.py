"""evaluate_parser --against-archive: the archive as curators corrected it is the gold."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Meeting
from archive.pipeline.load import load_paths

from .test_command import DOCS

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("evaluate_parser", "--against-archive", *args, stdout=out)
    return out.getvalue()


def load(name: str, **options) -> Meeting:
    result = load_paths([DOCS / name], **options).results[0]
    assert result.status == "loaded", result.error
    return Meeting.objects.get(id=result.meeting_id)


def test_an_archive_as_loaded_agrees_with_the_parser_that_loaded_it():
    load("e1_district_exec.txt")
    load("e3_city_exec_traditional.txt")
    load("e2_county_committee.txt", year=2024)  # the stored --year is used again
    data = json.loads(run("--json"))
    assert data["count"] == 3 and data["failed"] == []
    assert {name: f["value"] for name, f in data["figures"].items() if f["value"] is not None} == {
        "date": 1.0,
        "date_month_day": 1.0,
        "body": 1.0,
        "session_number": 1.0,
        "chair": 1.0,
        "agenda_count": 1.0,
        "names": 1.0,
        "name_role": 1.0,
        "documents": 1.0,
    }
    assert data["disagreements"] == []
    assert "meetings where the current parser disagrees with curated data: 0" in run()


def test_curator_edits_are_the_gold_and_are_listed():
    meeting = load("e1_district_exec.txt")
    load("e3_city_exec_traditional.txt")
    # A curator corrects a name and the session number, and retitles an agenda item.
    person = meeting.participations.get(name="吴海涛")
    person.name, person.curated = "吴海滔", True
    person.save()
    meeting.session_number = 19
    meeting.locked_fields = ["session_number"]
    meeting.save()
    item = meeting.agenda_items.get(order=2)
    parsed_title = item.title
    item.title, item.curated = "听取一季度财政收支情况汇报", True
    item.save()

    out = run("--show", "3")
    key = f"meeting {meeting.id} ({DOCS / 'e1_district_exec.txt'})"
    assert "2 documents, 0 failed to parse" in out
    assert "session number                     0.500 (1/2)" in out
    assert "P 0.875  R 0.875  F1 0.875" in out  # names: 7 of 8 on each side
    assert out.endswith(
        "meetings where the current parser disagrees with curated data: 1\n"
        f"{key}\n"
        "  session_number (curated): 19 | parser 18\n"
        "  participation 吴海滔 (attendee) (curated): the parser does not find it\n"
        f"  agenda item 2 (curated): 听取一季度财政收支情况汇报 | parser {parsed_title}\n"
    )
    worst = out[out.index("worst 1 documents") :]
    assert worst.startswith(
        f"worst 1 documents (score = wrong fields + missing + extra people):\n{key}  score 3\n"
        "  session number: gold 19 | parsed 18\n"
        "  missing: 吴海滔 (attendee)\n"
        "  extra: 吴海涛 (attendee)\n"
    )


def test_an_empty_archive_is_an_error():
    with pytest.raises(CommandError, match="no meetings"):
        run()


def test_queries_do_not_grow_with_the_archive(django_assert_max_num_queries):
    for name in ("e1_district_exec.txt", "e2_county_committee.txt", "e3_city_exec_traditional.txt"):
        load(name)
    # Sources with their meetings, then participations, agenda items and documents: one query each.
    with django_assert_max_num_queries(4):
        run()
