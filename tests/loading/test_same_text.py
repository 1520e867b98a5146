"""The same minutes are one meeting whatever the line endings or script of the copy (issue 8, item 16)."""

import opencc
import pytest

from archive.models import Meeting, SourceDocument
from archive.pipeline.load import load_paths
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

SIMPLIFIED = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8-sig")


def copies(tmp_path) -> dict:
    """Seed 000 with CRLF line endings, and in traditional script."""
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"))
    traditional = tmp_path / "traditional.txt"
    traditional.write_text(opencc.OpenCC("s2t").convert(SIMPLIFIED), encoding="utf-8")
    return {"crlf": crlf, "traditional": traditional}


@pytest.mark.parametrize("copy", ["crlf", "traditional"])
def test_a_copy_loaded_later_is_unchanged(tmp_path, copy):
    load_paths([next(SEEDS.glob("000_*.txt"))])
    result = load_paths([copies(tmp_path)[copy]]).results[0]
    assert result.status == "unchanged"
    assert result.meeting_id == Meeting.objects.get().id
    assert SourceDocument.objects.count() == 1


def test_copies_in_one_run_are_one_meeting(tmp_path):
    report = load_paths([next(SEEDS.glob("000_*.txt")), *copies(tmp_path).values()])
    assert [r.status for r in report.results] == ["loaded", "unchanged", "unchanged"]
    assert Meeting.objects.count() == 1


def test_other_text_is_another_meeting(tmp_path):
    load_paths([next(SEEDS.glob("000_*.txt"))])
    changed = tmp_path / "changed.txt"
    changed.write_text(SIMPLIFIED.replace("陶峰", "陶锋"), encoding="utf-8")
    assert load_paths([changed]).results[0].status == "loaded"
