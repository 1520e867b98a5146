"""Benchmark: load_minutes throughput into SQLite against a floor that only reads and inserts.

    python -m tests.benchmarks.bench_load [N [JOBS [REPEATS]]]    (default 4000 files, 1 worker, 3 runs)

Prints docs/s for the floor (read each file, insert its raw text into one SQLite table, with
the loader's SQLite settings and commit batches) and for the archive loader (parse + all rows),
and their ratio. The target is at least 1,000 docs/s for the loader on a 2-core machine.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path


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


def archive(paths: list[Path], db: Path, jobs: int) -> tuple[float, float]:
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(db)

    from archive.parsing import parse_minutes
    from archive.pipeline.load import load_paths

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    for path in paths:
        parse_minutes(path.read_bytes())
    parse_only = time.perf_counter() - start
    start = time.perf_counter()
    report = load_paths(paths, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert report.count("loaded") == len(paths), f"{report.failed} failed"
    return elapsed, parse_only


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "files").mkdir()
        paths = write_files(tmp / "files", n)
        runs = [archive(paths, tmp / f"archive{i}.sqlite3", jobs) for i in range(repeats)]
        from archive.pipeline.load import BATCH_SIZE

        floors = [floor(paths, tmp / f"floor{i}.sqlite3", BATCH_SIZE) for i in range(repeats)]
    load_s = statistics.median(r[0] for r in runs)
    parse_s = statistics.median(r[1] for r in runs)
    floor_s = statistics.median(floors)
    print(f"runs: {repeats}, medians; loader docs/s per run: {', '.join(f'{n / r[0]:.0f}' for r in runs)}")
    print(f"files: {n} (a fifth traditional, a tenth with pinyin annotations)")
    print(f"floor (read + insert raw text): {n / floor_s:9.0f} docs/s")
    print(f"parse only:                     {n / parse_s:9.0f} docs/s")
    print(f"load_minutes (parse + rows):    {n / load_s:9.0f} docs/s  (--jobs {jobs})")
    print(f"ratio load/floor: {floor_s / load_s:.3f}   (loader takes {load_s / floor_s:.1f}x the floor's time)")
    print(f"target 1000 docs/s: {'met' if n / load_s >= 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
