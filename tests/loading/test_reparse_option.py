"""``load_minutes --reparse PATH…`` (issue 15): new options for files already loaded, through the
re-parse that keeps curated fields; ``--year`` and ``--locality`` checked before anything runs."""

import pytest

from archive.models import Division, Meeting
from tests.loading.test_load_minutes import run

pytestmark = pytest.mark.django_db

NO_YEAR = "3月6日，县长林海主持召开县政府常务会议。出席：周明、吴芳。\n一、研究道路养护工作\n会议听取了汇报。\n"


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "no_year.txt"
    path.write_text(NO_YEAR, encoding="utf-8")
    code, _, err = run(path)
    assert code == 0, err
    meeting = Meeting.objects.get(source__sha256__isnull=False)
    assert meeting.year is None and meeting.division is None
    return path


def test_reparse_applies_new_options_to_a_loaded_file(loaded):
    code, _, err = run("--reparse", "--year", 2023, "--locality", "安吉县", loaded)
    assert code == 0, err
    meeting = Meeting.objects.get()
    assert (meeting.year, meeting.locality, meeting.division) == (
        2023,
        "安吉县",
        Division.objects.get(name="安吉县", valid_until__isnull=True),
    )
    assert meeting.source.year_option == 2023 and meeting.source.locality_option == "安吉县"
    assert "year: None → 2023" in err and "reparsed 1" in err


def test_reparse_keeps_what_a_curator_locked(loaded):
    meeting = Meeting.objects.get()
    meeting.year, meeting.locked_fields = 2020, ["year"]
    meeting.save()
    code, _, err = run("--reparse", "--year", 2023, loaded)
    assert code == 0, err
    assert Meeting.objects.get().year == 2020
    assert "kept curated year" in err


def test_reparse_of_a_file_not_loaded_is_an_error_naming_it(loaded, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(NO_YEAR.replace("林海", "林山"), encoding="utf-8")
    code, _, err = run("--reparse", other, loaded)
    assert code == 1 and "other.txt" in err and "reparsed 1" in err


@pytest.mark.parametrize("year", [23, 1948, 99999])
def test_a_year_outside_the_archive_is_refused(loaded, year):
    code, _, err = run("--year", year, loaded)
    assert code != 0 and "1949" in err


def test_a_locality_that_is_no_division_is_refused(loaded):
    code, _, err = run("--locality", "安吉", loaded)
    assert code != 0 and "安吉" in err and "division" in err


def test_reparse_refuses_options_it_does_not_apply(loaded):
    code, _, err = run("--reparse", "--dry-run", loaded)
    assert code != 0 and "--dry-run" in err
