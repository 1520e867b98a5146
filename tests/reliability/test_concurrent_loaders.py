"""Several loaders at once give exactly the records of one, and no file fails (issue 8, items 4-6).

Real processes against a real database: the PostgreSQL server of DATABASE_URL when it names
one (CI), else a SQLite file. Synthetic minutes share their officials across files, as real
collections do, so concurrent loaders keep creating the same officials and documents.
"""

import pytest

from tests.reliability.loaders import records, run_loaders, scratch_databases, write_minutes

FILES = 800


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    directory = tmp_path_factory.mktemp("minutes")
    quarters = write_minutes(directory, FILES, parts=4)
    with scratch_databases() as databases:
        url = databases.fresh()
        single = run_loaders(url, [quarters])
        assert single.exit_codes == [0], single.stderr
        assert single.statuses() == {"loaded": FILES}
        yield databases, quarters, records(url)


def _check(run, expected, url):
    assert run.errors() == [], run.stderr
    assert run.exit_codes == [0] * len(run.exit_codes), run.stderr
    loaded = run.loaded_paths()
    # Each file is loaded by exactly one of the loaders; the others report it unchanged.
    assert len(loaded) == len(set(loaded)) == FILES
    got = records(url)
    for table, rows in expected.items():
        assert got[table] == rows, f"{table} differ from a single load"


def test_loaders_on_disjoint_parts_give_the_records_of_one(setup):
    databases, quarters, expected = setup
    url = databases.fresh()
    run = run_loaders(url, [[quarter] for quarter in quarters])
    _check(run, expected, url)


def test_loaders_on_the_same_files_give_the_records_of_one(setup):
    databases, quarters, expected = setup
    first_half, second_half = quarters[:2], quarters[2:]
    url = databases.fresh()
    run = run_loaders(url, [quarters, quarters[::-1], first_half, second_half])
    _check(run, expected, url)
    assert run.statuses() == {"loaded": FILES, "unchanged": FILES * 2}
