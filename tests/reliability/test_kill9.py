"""kill -9 of a parallel load: no process outlives the loader, no file is half-written, and a
re-run completes the load with exactly the records of one clean load.

Runs `manage.py load_minutes --jobs 2` in subprocesses against file-based SQLite databases in
tmp_path; processes are found through /proc (Linux).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.synthetic import generate
from tests.reliability.loaders import environment, manage

ROOT = Path(__file__).resolve().parents[2]
FILES = 1500  # well over PARALLEL_FROM, so parse workers start; about 3 s to load
KILL_AFTER = 300  # files committed before the kill

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _manage(db: Path, *args: str) -> subprocess.CompletedProcess:
    return manage(f"sqlite:///{db}", *args, check=False, timeout=60)


class Proc:
    """One line of the process table."""

    def __init__(self, pid: int):
        stat = Path(f"/proc/{pid}/stat").read_text()
        # The command name may hold spaces and parentheses: the fields follow the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        self.pid, self.state, self.ppid, self.start = pid, fields[0], int(fields[1]), int(fields[19])
        self.cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")

    def environ(self) -> bytes:
        try:
            return Path(f"/proc/{self.pid}/environ").read_bytes()
        except OSError:
            return b""


def processes() -> dict[int, Proc]:
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                found[int(name)] = Proc(int(name))
            except (OSError, ValueError):
                continue  # ended meanwhile
    return found


def descendants(pid: int) -> list[Proc]:
    table = processes()
    found, parents = [], {pid}
    while True:
        children = [p for p in table.values() if p.ppid in parents and p.pid not in {f.pid for f in found}]
        if not children:
            return found
        found.extend(children)
        parents = {p.pid for p in children}


def survivors(started: list[Proc], marker: bytes) -> list[Proc]:
    """Live (not zombie) processes among those the loader started, or carrying its database in
    their environment (a worker started after the snapshot)."""
    table = processes()
    alive = [table[p.pid] for p in started if p.pid in table and table[p.pid].start == p.start]
    alive += [p for p in table.values() if p.pid != os.getpid() and marker in p.environ() and p not in alive]
    return [p for p in alive if p.state not in ("Z", "X")]


def records(db: Path) -> dict:
    """Everything a load writes, by natural keys (ids differ between databases)."""
    con = sqlite3.connect(db)
    try:
        q = lambda sql: sorted(tuple(row) for row in con.execute(sql))  # noqa: E731
        return {
            "sources": q(
                "SELECT s.sha256, s.text_sha256, s.encoding, s.script, s.raw_text, s.text, s.warnings, m.year, "
                "m.month, m.day, m.part_of_day, m.date, m.body, m.session_number, m.locality, m.needs_review, "
                "m.review_reasons FROM archive_sourcedocument s JOIN archive_meeting m ON m.source_id = s.id"
            ),
            "participations": q(
                'SELECT s.sha256, p."order", p.name, p.name_as_written, p.role, p.titles, p.start, p."end", '
                "o.name, o.locality FROM archive_participation p JOIN archive_meeting m ON m.id = p.meeting_id "
                "JOIN archive_sourcedocument s ON s.id = m.source_id LEFT JOIN archive_official o ON o.id = p.official_id"
            ),
            "agenda": q(
                'SELECT s.sha256, a."order", a.title, a.text, a.kind FROM archive_agendaitem a '
                "JOIN archive_meeting m ON m.id = a.meeting_id JOIN archive_sourcedocument s ON s.id = m.source_id"
            ),
            "documents": q(
                "SELECT s.sha256, d.title FROM archive_document_meetings dm JOIN archive_document d ON d.id = dm.document_id "
                "JOIN archive_meeting m ON m.id = dm.meeting_id JOIN archive_sourcedocument s ON s.id = m.source_id"
            ),
            "cited": q(
                'SELECT s.sha256, a."order", d.title FROM archive_agendaitem_documents ad '
                "JOIN archive_agendaitem a ON a.id = ad.agendaitem_id JOIN archive_document d ON d.id = ad.document_id "
                "JOIN archive_meeting m ON m.id = a.meeting_id JOIN archive_sourcedocument s ON s.id = m.source_id"
            ),
            "search": q(
                "SELECT s.sha256, e.text, e.bigrams FROM archive_searchentry e JOIN archive_meeting m ON m.id = e.meeting_id "
                "JOIN archive_sourcedocument s ON s.id = m.source_id"
            ),
            "officials": q("SELECT name, locality, disambiguation, pinyin FROM archive_official"),
            "aliases": q(
                "SELECT o.name, o.locality, a.name FROM archive_officialalias a JOIN archive_official o ON o.id = a.official_id"
            ),
        }
    finally:
        con.close()


def half_written(db: Path) -> dict[str, int]:
    """Rows that only a half-written file would leave; every count should be 0."""
    con = sqlite3.connect(db)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "source without meeting": one(
                "SELECT count(*) FROM archive_sourcedocument s LEFT JOIN archive_meeting m ON m.source_id = s.id "
                "WHERE m.id IS NULL"
            ),
            "meeting without search entry": one(
                "SELECT count(*) FROM archive_meeting m LEFT JOIN archive_searchentry e ON e.meeting_id = m.id "
                "WHERE e.id IS NULL"
            ),
            "search entry without meeting": one(
                "SELECT count(*) FROM archive_searchentry e LEFT JOIN archive_meeting m ON m.id = e.meeting_id "
                "WHERE m.id IS NULL"
            ),
            "search entries minus FTS rows": one("SELECT count(*) FROM archive_searchentry")
            - one("SELECT count(*) FROM archive_search_fts"),
            "meetings minus sources": one("SELECT count(*) FROM archive_meeting")
            - one("SELECT count(*) FROM archive_sourcedocument"),
        }
    finally:
        con.close()


def _stored(db: Path) -> int:
    """Files committed so far (0 while the database is busy)."""
    try:
        con = sqlite3.connect(db, timeout=0.1)
        try:
            return con.execute("SELECT count(*) FROM archive_sourcedocument").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def _per_file(rows: list[tuple], shas: set[str]) -> list[tuple]:
    return [row for row in rows if row[0] in shas]


def test_kill9_of_parallel_load_leaves_no_orphans_and_nothing_half_written(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    for name, data in generate(FILES):
        (files / name).write_bytes(data)
    empty, killed, clean = tmp_path / "empty.sqlite3", tmp_path / "killed.sqlite3", tmp_path / "clean.sqlite3"
    migrated = _manage(empty, "migrate", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    shutil.copy(empty, killed)
    shutil.copy(empty, clean)

    log = (tmp_path / "loader.log").open("w")
    loader = subprocess.Popen(
        [sys.executable, "manage.py", "load_minutes", "--jobs", "2", str(files)],
        cwd=ROOT,
        env=environment(f"sqlite:///{killed}"),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    started: list[Proc] = []
    try:
        deadline = time.monotonic() + 30
        while (stored := _stored(killed)) < KILL_AFTER:
            assert loader.poll() is None, f"the loader ended before the kill: {log.name}"
            assert time.monotonic() < deadline, f"{stored} files stored in 30 s"
            time.sleep(0.02)
        started = descendants(loader.pid)
        os.kill(loader.pid, signal.SIGKILL)
        loader.wait(timeout=10)
        workers = [p for p in started if "spawn_main" in p.cmdline]
        assert len(workers) == 2, [p.cmdline for p in started]

        # (a) Nothing the loader started outlives it (a bounded wait: the kernel needs a moment).
        marker = str(killed).encode()
        deadline = time.monotonic() + 5
        while (left := survivors(started, marker)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not left, "alive after kill -9 of their loader: " + "; ".join(f"{p.pid} {p.cmdline}" for p in left)
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
        for p in survivors(started, str(killed).encode()):  # don't leave a failed test's orphans behind
            os.kill(p.pid, signal.SIGKILL)
        log.close()

    # (b) Nothing half-written: every file is all or nothing.
    assert set(half_written(killed).values()) == {0}, half_written(killed)
    partial = records(killed)
    stored = {row[0] for row in partial["sources"]}
    assert KILL_AFTER <= len(stored) < FILES, "the kill should land mid-run"

    rerun = _manage(killed, "load_minutes", "--jobs", "2", str(files))
    assert rerun.returncode == 0, rerun.stderr
    assert f"loaded {FILES - len(stored)}, unchanged {len(stored)}, failed 0" in rerun.stderr
    single = _manage(clean, "load_minutes", "--jobs", "2", str(files))
    assert single.returncode == 0, single.stderr
    assert f"loaded {FILES}, unchanged 0, failed 0" in single.stderr

    expected, completed = records(clean), records(killed)
    # The files stored before the kill were stored whole: the same rows as in a clean load.
    for table in ("sources", "participations", "agenda", "documents", "cited", "search"):
        assert _per_file(partial[table], stored) == _per_file(expected[table], stored), table
    assert completed == expected
    assert set(half_written(killed).values()) == {0}
