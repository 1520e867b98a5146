import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "minutes"


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
