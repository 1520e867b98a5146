"""load_minutes collects garbage less often while it loads (archive.pipeline.load.loader_gc:
~10% of its CPU went to the collector's passes) and leaves the collector as it found it."""

import gc

import pytest

from archive.pipeline.load import LOADER_GC_THRESHOLDS, loader_gc
from tests.benchmarks.synthetic import generate
from tests.loading.test_load_minutes import run

pytestmark = pytest.mark.django_db


def test_the_collector_runs_less_during_a_load_and_as_before_after():
    before = gc.get_threshold()
    with loader_gc():
        assert gc.get_threshold() == LOADER_GC_THRESHOLDS
        assert gc.get_freeze_count() > 0  # what was alive before the load is not scanned again
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_load_minutes_leaves_the_collector_as_it_found_it(tmp_path):
    for name, data in generate(2):
        (tmp_path / name).write_bytes(data)
    before = gc.get_threshold()
    code, _, err = run(tmp_path, "--no-release")
    assert code == 0, err
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
