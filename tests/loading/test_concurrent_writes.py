"""What a loader does when another loader wrote first (deterministic, in one process; the real
thing, several processes at once, is tests/reliability/test_concurrent_loaders.py)."""

import pytest

from archive.models import Meeting, Official, Participation, SourceDocument
from archive.pipeline import load as loading
from archive.pipeline.load import load_paths
from archive.records import officials

pytestmark = pytest.mark.django_db


def test_a_file_another_loader_stored_meanwhile_is_unchanged(seeds_dir, monkeypatch):
    load_paths([seeds_dir])
    before = (SourceDocument.objects.count(), Meeting.objects.count(), Participation.objects.count())
    # The other loader committed after this one looked: the look finds nothing.
    real = loading._known_meetings
    calls = []

    def not_yet(items):
        calls.append(len(items))
        return {} if len(calls) == 1 else real(items)

    monkeypatch.setattr(loading, "_known_meetings", not_yet)
    report = load_paths([seeds_dir])
    assert [r.status for r in report.results] == ["unchanged", "unchanged"]
    assert {r.meeting_id for r in report.results} == set(Meeting.objects.values_list("id", flat=True))
    assert (SourceDocument.objects.count(), Meeting.objects.count(), Participation.objects.count()) == before


def test_an_official_another_loader_created_meanwhile_is_used(tmp_path, monkeypatch):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("2021年1月4日，区长陈健主持召开区政府常务会议。会议审议了《甲办法》。", encoding="utf-8")
    second.write_text("2021年2月4日，区长陈健主持召开区政府常务会议。会议审议了《乙办法》。", encoding="utf-8")
    load_paths([first], locality="柯桥区")
    # The other loader's 陈健 was not committed yet when this one looked for him.
    monkeypatch.setattr(officials, "_candidates", lambda names: {name: set() for name in names})
    assert load_paths([second], locality="柯桥区").results[0].status == "loaded"
    chen = Official.objects.get(name="陈健")
    assert chen.participations.count() == 2
