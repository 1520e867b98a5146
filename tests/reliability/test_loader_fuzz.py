"""The loader fuzz (issue 18.3, 18.4, 18.11): every bad input the generator in bad_inputs.py makes,
of every format, beside good files in one directory. Each bad file is an ``error`` naming it,
the good files load, the run ends (exit status 1, no traceback); and the same holds file by file
on whichever database the suite runs on (SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.intake.paths import printable_name
from archive.models import SourceDocument
from tests.loading.test_load_minutes import json_lines
from tests.loading.test_load_minutes import run as run_command
from tests.reliability.bad_inputs import bad_inputs, mutations

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
GOOD = sorted(FIXTURES.glob("*.txt"))[:2]
CASES = list(bad_inputs())
MUTATIONS = list(mutations())


def test_the_generator_makes_cases_of_every_format():
    suffixes = {os.path.splitext(case.name)[1] for case in CASES}
    assert {".docx", ".html", ".jsonl", ".txt"} <= suffixes
    assert len(CASES) >= 50 and len({case.name for case in CASES}) == len(CASES)
    assert {os.path.splitext(case.name)[1] for case in MUTATIONS} == {".html", ".docx", ".pdf", ".jsonl"}


def _collection(folder: Path, cases) -> Path:
    folder.mkdir()
    for source in GOOD:
        (folder / source.name).write_bytes(source.read_bytes())
    for case in cases:
        (folder / case.name).write_bytes(case.data)
    return folder


def _by_file(objects: list[dict], folder: Path, case) -> list[dict]:
    path = printable_name(folder / case.name)
    return [o for o in objects if o["path"] == path or o["path"].startswith(f"{path}:")]


def test_every_bad_input_is_an_error_naming_its_file_and_the_good_files_load(tmp_path):
    folder = _collection(tmp_path / "collection", CASES + MUTATIONS)
    code, out, err = run_command("--json", folder)
    assert code == 1 and "Traceback" not in err
    objects = json_lines(out)
    for case in CASES:
        found = _by_file(objects, folder, case)
        assert found, f"{case.name} ({case.why}): not reported"
        for obj in found:
            assert obj["status"] == "error", f"{case.name} ({case.why}): {obj['status']}"
            assert printable_name(folder / case.name) in obj["error"], obj["error"]
    for case in MUTATIONS:  # damaged files: whatever they give, they are reported and cost only themselves
        assert _by_file(objects, folder, case), case.name
    loaded = {Path(o["path"]).name for o in objects if o["status"] == "loaded"}
    assert {source.name for source in GOOD} <= loaded
    assert SourceDocument.objects.filter(path__in=[str(folder / source.name) for source in GOOD]).count() == 2


@pytest.mark.parametrize("case", [c for c in CASES if c.at == "read"], ids=lambda c: printable_name(c.name))
def test_dry_run_refuses_what_the_load_refuses(tmp_path, case):
    """What is refused when read is refused by --dry-run too, file by file."""
    folder = _collection(tmp_path / "one", [case])
    code, out, err = run_command("--dry-run", "--json", folder)
    assert code == 1 and "Traceback" not in err
    found = _by_file(json_lines(out), folder, case)
    assert found and all(o["status"] == "error" for o in found), case.why
