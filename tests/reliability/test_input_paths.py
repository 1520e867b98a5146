"""What load_minutes does with paths that are not plain minutes files: FIFOs, broken and looping
symbolic links, unreadable directories, files over --max-bytes. Nothing hangs, nothing is
skipped silently."""

from __future__ import annotations

import os
import signal
import tracemalloc
from pathlib import Path

import pytest

from archive.intake import MAX_BYTES
from archive.intake import paths as files_module
from archive.models import SourceDocument
from archive.pipeline.steps import parse_path
from tests.loading.test_load_minutes import run as run_command

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
GOOD = sorted(FIXTURES.glob("*.txt"))[:2]
OTHER = sorted(FIXTURES.glob("*.txt"))[2]


@pytest.fixture
def no_hang():
    """Fail a test that blocks (a FIFO opened for reading waits for a writer) instead of hanging."""

    def alarm(signum, frame):
        raise TimeoutError("load_minutes hung")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(*args):
    code, _, err = run_command(*args)
    return code, err


def minutes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for source in GOOD:
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.mark.django_db
def test_a_fifo_in_a_directory_is_skipped_and_named(tmp_path, no_hang):
    folder = minutes_dir(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    code, err = run(folder)
    assert code == 0, err
    assert f"skipped: {folder / 'pipe.txt'}: not a regular file (a FIFO)" in err
    assert "loaded 2, unchanged 0, failed 0, skipped 1" in err
    assert SourceDocument.objects.count() == 2


@pytest.mark.django_db
def test_a_fifo_given_explicitly_is_an_error_not_a_hang(tmp_path, no_hang):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    code, err = run(pipe, GOOD[0])
    assert code == 1
    assert f"error: {pipe}: not a regular file (a FIFO); not read" in err
    assert SourceDocument.objects.count() == 1


@pytest.mark.django_db
def test_broken_and_looping_symbolic_links_are_named_and_good_links_followed(tmp_path, no_hang):
    folder = minutes_dir(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "linked.txt").write_bytes(OTHER.read_bytes())
    (folder / "good-link.txt").symlink_to(outside / "linked.txt")
    (folder / "linked-dir").symlink_to(outside)  # the same file again, through a directory link
    (folder / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)

    code, err = run(folder)
    assert code == 0, err
    assert f"skipped: {folder / 'broken.txt'}: broken symbolic link" in err
    assert f"skipped: {folder / 'self.txt'}: symbolic link loop" in err
    assert f"skipped: {folder / 'sub' / 'up'}: symbolic link loop" in err
    assert "loaded 3, unchanged 1, failed 0, skipped 3" in err


@pytest.mark.django_db
def test_an_unreadable_directory_is_named(tmp_path, monkeypatch):
    folder = minutes_dir(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_bytes(GOOD[0].read_bytes())
    if os.geteuid() == 0:  # root reads any directory: make this one fail as it would for others
        scandir = os.scandir

        def refusing(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)

        monkeypatch.setattr(files_module.os, "scandir", refusing)
    else:
        locked.chmod(0)
    try:
        code, err = run(folder)
    finally:
        locked.chmod(0o755)
    assert code == 0, err
    assert f"skipped: {locked}: directory cannot be read (Permission denied)" in err
    assert "loaded 2, unchanged 0, failed 0, skipped 1" in err


@pytest.mark.django_db
def test_files_over_max_bytes_are_refused_by_name_and_size(tmp_path):
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_bytes(GOOD[0].read_bytes())
    large.write_bytes(GOOD[1].read_bytes() * 3)
    limit = len(GOOD[1].read_bytes()) * 2
    code, err = run(small, large, "--max-bytes", limit)
    assert code == 1
    assert f"error: {large}: too large: {large.stat().st_size:,} bytes, over the limit of {limit:,} bytes" in err
    assert SourceDocument.objects.count() == 1
    code, err = run("--max-bytes", "0", small)
    assert code != 0 and "not a positive number of bytes" in err


def test_the_default_limit_refuses_a_huge_file_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # 20 MB, sparse: no disk used
        f.truncate(20_000_000)
    tracemalloc.start()
    [result] = parse_path(huge)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.error == (
        f"{huge}: too large: 20,000,000 bytes, over the limit of {MAX_BYTES:,} bytes (see --max-bytes); not read"
    )
    assert peak < 1_000_000, peak  # the file was not read (no clock: tests assert behaviour, not time)


def test_a_file_at_the_limit_is_read(tmp_path):
    data = GOOD[0].read_bytes()
    path = tmp_path / "exact.txt"
    path.write_bytes(data)
    assert parse_path(path, max_bytes=len(data))[0].error is None
    assert "too large" in parse_path(path, max_bytes=len(data) - 1)[0].error


def test_a_long_source_is_shown_in_part_with_a_link_to_the_whole(load_text, fixture_text, client):
    tail = "".join(f"会议强调，要狠抓落实第{i}项工作。\n" for i in range(2000))
    meeting = load_text(fixture_text(GOOD[0].stem) + tail)
    total = len(meeting.source.text)
    assert total > 30_000
    page = client.get(f"/meetings/{meeting.id}/").content.decode()
    assert "第1999项" not in page and len(page) < total
    assert f"只显示了前 20000 字（共 {total} 字）" in page
    assert f'href="/meetings/{meeting.id}/source.txt"' in page
    whole = client.get(f"/meetings/{meeting.id}/source.txt")
    assert whole["Content-Type"] == "text/plain; charset=utf-8"
    assert whole.content.decode() == meeting.source.text
    original = client.get(f"/meetings/{meeting.id}/?text=original").content.decode()
    assert f'href="/meetings/{meeting.id}/source.txt?text=original"' in original
    assert client.get(f"/meetings/{meeting.id}/source.txt?text=original").content.decode() == meeting.source.raw_text
    assert client.get("/meetings/999999/source.txt").status_code == 404


def test_a_short_source_is_shown_whole(load_text, fixture_text, client):
    meeting = load_text(fixture_text(GOOD[0].stem))
    page = client.get(f"/meetings/{meeting.id}/").content.decode()
    assert "source.txt" not in page
