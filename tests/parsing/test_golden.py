"""Every fixture parses to exactly its reviewed expectation (see tests/golden.py)."""

import json

import pytest

from tests.golden import expected_path, fixture_paths, observed


def test_there_are_enough_fixtures():
    assert len(fixture_paths()) >= 25


@pytest.mark.parametrize("fixture", fixture_paths(), ids=lambda p: p.stem)
def test_fixture_parses_as_expected(fixture):
    expected = json.loads(expected_path(fixture).read_text(encoding="utf-8"))
    assert observed(fixture) == expected
