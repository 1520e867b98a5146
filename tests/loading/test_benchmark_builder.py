"""The benchmarks' archive builder (tests.benchmarks.archive_db) writes what load_minutes writes
for the same files: it goes through the loader's steps from the file's bytes on."""

import pytest

from archive.models import AgendaItem, Meeting, Official, Participation, SourceDocument, Tenure
from archive.pipeline.load import load_paths
from tests.benchmarks import archive_db
from tests.benchmarks.synthetic import generate, iter_files

pytestmark = pytest.mark.django_db


def _tables():
    return {
        "meetings": sorted(Meeting.objects.values_list("source__sha256", "date", "body", "division__code")),
        "people": sorted(
            Participation.objects.values_list("meeting__source__sha256", "name", "role", "official__name")
        ),
        "agenda": AgendaItem.objects.count(),
        "officials": sorted(Official.objects.values_list("name", "division__code")),
        "tenures": Tenure.objects.count(),
    }


def _clear():
    for model in (Tenure, Participation, AgendaItem, Meeting, SourceDocument, Official):
        model.objects.all().delete()


def test_builder_writes_the_tables_load_paths_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_db, "PART", 7)  # several parts, the last not full
    archive_db.build(30, jobs=0)
    built = _tables()
    _clear()
    for name, data in generate(30, archive_db.SEED):  # the builder makes generate's files
        (tmp_path / name).write_bytes(data)
    assert load_paths([tmp_path]).count("loaded") == 30
    assert _tables() == built
    assert len(built["meetings"]) == 30 and built["people"] and built["officials"]


def test_streamed_files_are_the_generated_files():
    assert list(iter_files(40, seed=3)) == generate(40, seed=3)


def test_a_places_officials_are_replaced_about_once_a_term():
    """The synthetic minutes' turnover: a big archive has officials of every length of service,
    so the page benchmarks find one at 100,000 meetings as busy as the busiest at 1,000."""
    import random

    from tests.benchmarks.synthetic import TERM, turnover

    rng = random.Random(1)
    pool = [f"officer{i}" for i in range(30)]
    first = list(pool)
    for _ in range(TERM // 10):
        turnover(rng, pool)
    assert sum(a != b for a, b in zip(first, pool, strict=True)) <= 0.3 * len(pool)  # a tenth of a term: few
    for _ in range(3 * TERM):
        turnover(rng, pool)
    assert sum(a != b for a, b in zip(first, pool, strict=True)) >= 0.8 * len(pool)  # three terms: 1 - e^-3 gone
