import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "minutes"


def pytest_configure(config):
    """Releases that ``manage.py load_minutes`` writes in a test's subprocess go to a temporary
    folder, never the project's releases/ (tests in this process get one each: below)."""
    if "RELEASES_DIR" not in os.environ:
        config._test_releases = os.environ["RELEASES_DIR"] = tempfile.mkdtemp(prefix="test-releases-")


def pytest_unconfigure(config):
    if getattr(config, "_test_releases", None):
        shutil.rmtree(config._test_releases, ignore_errors=True)


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
    """The seeds and every fixture minutes file, loaded as one collection of 柯桥区 (`--locality`):
    most name no place, and the people of a meeting whose place is unknown are linked to no official."""
    from archive.pipeline.load import load_paths

    report = load_paths([SEEDS, FIXTURES], locality="柯桥区")
    assert report.failed == 0
    return report


@pytest.fixture
def load_text(tmp_path, db):
    """Load minutes given as text; returns the meeting."""
    from archive.models import Meeting
    from archive.pipeline.load import load_paths

    def load(text: str, name: str = "extra.txt", **options):
        # Minutes of one county unless told otherwise (locality=""): the people of a meeting whose
        # place is unknown are linked to no official (README, "Officials over time").
        options.setdefault("locality", "柯桥区")
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = load_paths([path], **options).results[0]
        assert result.status == "loaded", result.error
        return Meeting.objects.get(id=result.meeting_id)

    return load


@pytest.fixture(autouse=True)
def _releases_in_tmp(settings, tmp_path_factory):
    """Releases (built by load_minutes and build_release) go to a folder of the test's own."""
    settings.RELEASES_DIR = tmp_path_factory.mktemp("releases")


from tests.routes import public_site  # noqa: E402, F401 (a fixture for every test: every public route filled)
