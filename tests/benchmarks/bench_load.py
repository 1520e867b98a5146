"""Benchmark: load_minutes throughput into SQLite against a floor that only reads and inserts.

    python -m tests.benchmarks.bench_load [N [JOBS [REPEATS]]]    (default 4000 files, 1 worker, 3 runs)

Prints docs/s for the floor (read each file, insert its raw text into one SQLite table, with
the loader's SQLite settings and commit batches) and for the archive loader (parse + all rows),
and their ratio. The target is at least 1,000 docs/s for the loader on a 2-core machine.

Also prints the statements the loader sent (an ``executemany`` counts one per row, as the server
sees them) and its CPU per document. With DATABASE_URL=postgres://... the loader writes into
scratch databases on that server instead (the floor stays SQLite) and, when the server runs on
this machine, the server's CPU per document (its backend process) is printed beside the loader's.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


def write_files(directory: Path, n: int) -> list[Path]:
    from tests.benchmarks.synthetic import generate

    paths = []
    for name, data in generate(n):
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def floor(paths: list[Path], db: Path, batch_size: int) -> float:
    """Read each file and insert its text; same SQLite settings and commit batches as the loader."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    conn.execute("CREATE TABLE raw (path TEXT, text TEXT)")
    start = time.perf_counter()
    for first in range(0, len(paths), batch_size):
        conn.execute("BEGIN IMMEDIATE")
        for path in paths[first : first + batch_size]:
            conn.execute("INSERT INTO raw VALUES (?, ?)", (str(path), path.read_bytes().decode("utf-8")))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


class Statements:
    """Counts the statements the server runs: one per ``execute``, one per row of ``executemany``."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += len(params) if many else 1
        return execute(sql, params, many, context)


def backend_cpu_seconds(connection) -> float | None:
    """CPU time of this connection's PostgreSQL backend process, when the server runs here."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    seconds: float
    parse_seconds: float
    statements: int
    loader_cpu: float
    server_cpu: float | None


def archive(paths: list[Path], db: Path | str, jobs: int) -> Run:
    """Load ``paths`` into ``db``: a SQLite file, or a postgres:// URL (then DATABASE_URL names that server)."""
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        if isinstance(db, Path):
            os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(db) if isinstance(db, Path) else urlsplit(db).path[1:]

    from archive.parsing import parse_minutes
    from archive.pipeline.load import load_paths

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    for path in paths:
        parse_minutes(path.read_bytes())
    parse_only = time.perf_counter() - start
    server_before = backend_cpu_seconds(connection) if connection.vendor == "postgresql" else None
    statements = Statements()
    cpu_before = time.process_time()
    start = time.perf_counter()
    with connection.execute_wrapper(statements):
        report = load_paths(paths, jobs=jobs)
    elapsed = time.perf_counter() - start
    loader_cpu = time.process_time() - cpu_before
    server_cpu = None
    if server_before is not None:
        server_cpu = backend_cpu_seconds(connection) - server_before
    assert report.count("loaded") == len(paths), f"{report.failed} failed"
    connection.close()
    return Run(elapsed, parse_only, statements.count, loader_cpu, server_cpu)


def print_runs(label: str, n: int, runs: list[Run], floor_s: float | None, jobs: int):
    load_s = statistics.median(r.seconds for r in runs)
    print(f"{label}: loader docs/s per run: {', '.join(f'{n / r.seconds:.0f}' for r in runs)}")
    print(f"  load_minutes (parse + rows):    {n / load_s:9.0f} docs/s  (--jobs {jobs})")
    print(f"  statements: {runs[0].statements} ({runs[0].statements / n:.1f} per document)")
    loader_ms = 1000 * statistics.median(r.loader_cpu for r in runs) / n
    print(f"  loader CPU per document: {loader_ms:.2f} ms")
    if runs[0].server_cpu is not None:
        server_ms = 1000 * statistics.median(r.server_cpu for r in runs) / n
        print(f"  server CPU per document: {server_ms:.2f} ms  (ratio server/loader {server_ms / loader_ms:.2f})")
    if floor_s is not None:
        print(f"  ratio load/floor: {floor_s / load_s:.3f}   (loader takes {load_s / floor_s:.1f}x the floor's time)")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    from tests.reliability.loaders import postgres_url, scratch_databases

    server = postgres_url()
    with tempfile.TemporaryDirectory() as tmp, scratch_databases() as databases:
        tmp = Path(tmp)
        (tmp / "files").mkdir()
        paths = write_files(tmp / "files", n)
        # With DATABASE_URL naming a PostgreSQL server, the loader writes there (fresh databases).
        targets = [databases.fresh() if server else tmp / f"archive{i}.sqlite3" for i in range(repeats)]
        runs = [archive(paths, target, jobs) for target in targets]
        from archive.pipeline.load import BATCH_SIZE

        floors = [floor(paths, tmp / f"floor{i}.sqlite3", BATCH_SIZE) for i in range(repeats)]
    load_s = statistics.median(r.seconds for r in runs)
    parse_s = statistics.median(r.parse_seconds for r in runs)
    floor_s = statistics.median(floors)
    print(f"runs: {repeats}, medians; files: {n} (a fifth traditional, a tenth with pinyin annotations)")
    print(f"floor (read + insert raw text):   {n / floor_s:9.0f} docs/s")
    print(f"parse only:                       {n / parse_s:9.0f} docs/s")
    print_runs("PostgreSQL" if server else "SQLite", n, runs, floor_s, jobs)
    print(f"target 1000 docs/s: {'met' if n / load_s >= 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
