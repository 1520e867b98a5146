"""Search queries are queryset methods beside the models; archive.search only keeps the index."""

from pathlib import Path

import pytest

from archive.models import Meeting, SearchEntry

MODELS = Path(__file__).resolve().parents[2] / "archive" / "models"


def test_models_do_not_import_the_indexer():
    for path in MODELS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from archive.search" not in text and "from archive import search" not in text, path.name


@pytest.mark.django_db
def test_meeting_ids_is_a_queryset_method(archive_db):
    found = set(Meeting.objects.filter(id__in=SearchEntry.objects.meeting_ids("陈豪")).values_list("id", flat=True))
    assert found and found == set(Meeting.objects.matching("陈豪").values_list("id", flat=True))
