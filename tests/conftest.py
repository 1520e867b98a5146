import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "minutes"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached facet counts of one test's archive would
    otherwise show on the next test's pages (they are keyed by the filters, not the data)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """A private copy of seeds/, so a test may add files beside them."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def seed_bytes():
    def read(prefix: str) -> bytes:
        return next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()

    return read


@pytest.fixture
def fixture_text():
    def read(name: str) -> str:
        return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")

    return read


@pytest.fixture
def archive_db(db):
    """The seeds and every fixture minutes file, loaded."""
    from archive.pipeline.load import load_paths

    report = load_paths([SEEDS, FIXTURES])
    assert report.failed == 0
    return report


@pytest.fixture
def load_text(tmp_path, db):
    """Load minutes given as text; returns the meeting."""
    from archive.models import Meeting
    from archive.pipeline.load import load_paths

    def load(text: str, name: str = "extra.txt", **options):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = load_paths([path], **options).results[0]
        assert result.status == "loaded", result.error
        return Meeting.objects.get(id=result.meeting_id)

    return load


from tests.routes import public_site  # noqa: E402, F401 (a fixture for every test: every public route filled)
