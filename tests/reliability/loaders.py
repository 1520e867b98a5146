"""Several `manage.py load_minutes` processes against one real database, and the records they
leave, as comparable tuples. Used by test_concurrent_loaders and bench_parallel_load.

The database is a scratch one of its own (not pytest-django's test database, which other
processes cannot see): on the PostgreSQL server named by DATABASE_URL when it names one, else
a SQLite file. It is migrated once; each run gets a fresh copy of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def environment(url: str) -> dict:
    """This process's environment with the database at ``url`` (unbuffered: output as it comes)."""
    return {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "PYTHONUNBUFFERED": "1"}


def manage(url: str, *args: str, check: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess:
    """``manage.py ARGS`` in a process of its own, against the database at ``url``."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


class ScratchDatabases:
    """A migrated template, and fresh copies of it, dropped at the end."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.server = postgres_url()
        self.prefix = f"minutes_scratch_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self.template = self._create(self.prefix + "_template", template=None)
        manage(self.template, "migrate", "--no-input", "-v", "0")

    @property
    def vendor(self) -> str:
        return "postgresql" if self.server else "sqlite"

    def fresh(self) -> str:
        return self._create(f"{self.prefix}_{len(self.created)}", template=self.template)

    def _create(self, name: str, template: str | None) -> str:
        if self.server:
            from psycopg import sql

            with self._admin_connection() as conn:
                statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                if template:
                    statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(urlsplit(template).path[1:]))
                conn.execute(statement)
            self.created.append(name)
            return _with_database(self.server, name)
        path = self.workdir / f"{name}.sqlite3"
        if template:
            shutil.copyfile(urlsplit(template).path, path)
        self.created.append(name)
        return f"sqlite:///{path}"

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(_with_database(self.server, "postgres"), autocommit=True)

    def drop_all(self) -> None:
        if not self.server:
            return
        from psycopg import sql

        with self._admin_connection() as conn:
            for name in self.created:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def scratch_databases():
    with tempfile.TemporaryDirectory(prefix="minutes-loaders-") as tmp:
        databases = ScratchDatabases(Path(tmp))
        try:
            yield databases
        finally:
            databases.drop_all()


def write_minutes(directory: Path, n: int, parts: int = 2) -> list[Path]:
    """n synthetic minutes files split over ``parts`` subdirectories part0/, part1/ ..."""
    from tests.benchmarks.synthetic import generate

    dirs = [directory / f"part{i}" for i in range(parts)]
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)
    for i, (name, data) in enumerate(generate(n)):
        (dirs[i * parts // n] / name).write_bytes(data)
    return dirs


@dataclass
class LoaderRun:
    seconds: float
    exit_codes: list[int]
    # (loader index, path, status, error) per file reported, from --json.
    results: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, _, status, _ in self.results:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def errors(self) -> list[str]:
        return [error or path for _, path, status, error in self.results if status not in ("loaded", "unchanged")]

    def loaded_paths(self) -> list[str]:
        return [path for _, path, status, _ in self.results if status == "loaded"]


def run_loaders(url: str, path_sets: list[list[Path]], *extra: str) -> LoaderRun:
    """Start one `load_minutes --json` per path set at once; wait for all."""
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "load_minutes", "--json", "--jobs", "0", *extra, *map(str, paths)],
            cwd=ROOT,
            env=environment(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in path_sets
    ]
    outputs = [p.communicate() for p in processes]
    run = LoaderRun(time.perf_counter() - start, [p.returncode for p in processes])
    for index, (stdout, stderr) in enumerate(outputs):
        run.stderr.append(stderr)
        for line in stdout.splitlines():
            obj = json.loads(line)
            run.results.append((index, obj["path"], obj["status"], obj["error"]))
    return run


_QUERIES = {
    "sources": "SELECT sha256, text_sha256, path, encoding, script FROM archive_sourcedocument",
    "meetings": """
        SELECT s.sha256, m.year, m.month, m.day, m.part_of_day, m.body, m.session_number, m.locality,
               m.needs_review, m.review_reasons
        FROM archive_meeting m JOIN archive_sourcedocument s ON s.id = m.source_id""",
    "officials": "SELECT name, locality, disambiguation, pinyin, initials FROM archive_official",
    "aliases": """
        SELECT o.name, o.locality, o.disambiguation, a.name
        FROM archive_officialalias a JOIN archive_official o ON o.id = a.official_id""",
    "participations": """
        SELECT s.sha256, p."order", p.name, p.name_as_written, p.role, p.titles, p.start, p."end",
               o.name, o.locality, o.disambiguation
        FROM archive_participation p
        JOIN archive_meeting m ON m.id = p.meeting_id
        JOIN archive_sourcedocument s ON s.id = m.source_id
        LEFT JOIN archive_official o ON o.id = p.official_id""",
    "agenda_items": """
        SELECT s.sha256, a."order", a.title, a.kind, a.text
        FROM archive_agendaitem a
        JOIN archive_meeting m ON m.id = a.meeting_id
        JOIN archive_sourcedocument s ON s.id = m.source_id""",
    "documents": """
        SELECT s.sha256, d.title
        FROM archive_document_meetings dm
        JOIN archive_document d ON d.id = dm.document_id
        JOIN archive_meeting m ON m.id = dm.meeting_id
        JOIN archive_sourcedocument s ON s.id = m.source_id""",
    "search_entries": """
        SELECT s.sha256, e.text
        FROM archive_searchentry e
        JOIN archive_meeting m ON m.id = e.meeting_id
        JOIN archive_sourcedocument s ON s.id = m.source_id""",
}


def _comparable(value):
    """JSON columns come back as text from SQLite and as lists from PostgreSQL."""
    if isinstance(value, str) and value[:1] == "[":
        value = json.loads(value)
    return tuple(value) if isinstance(value, list) else value


def records(url: str) -> dict[str, list[tuple]]:
    """Every record of the archive as sorted tuples of natural keys and values (no ids)."""
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(urlsplit(url).path)
    else:
        import psycopg

        conn = psycopg.connect(url)
    try:
        result = {}
        for table, query in _QUERIES.items():
            rows = conn.execute(query).fetchall()
            result[table] = sorted((tuple(_comparable(v) for v in row) for row in rows), key=repr)
        return result
    finally:
        conn.close()
