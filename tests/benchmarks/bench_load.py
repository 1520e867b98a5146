"""Benchmark: load_minutes throughput into SQLite against a floor that only reads and inserts.

    python -m tests.benchmarks.bench_load [N [JOBS [REPEATS]]]    (default 4000 files, 1 worker, 3 runs)

Prints docs/s for the floor (read each file, insert its raw text into one SQLite table, with
the loader's SQLite settings and commit batches) and for the archive loader (parse + all rows),
and their ratio. The target is at least 1,000 docs/s for the loader on a 2-core machine.

Also prints the statements the loader sent (an ``executemany`` counts one per row, as the server
sees them) and its CPU per document. With DATABASE_URL=postgres://... the loader writes into
scratch databases on that server instead (the floor stays SQLite) and, when the server runs on
this machine, the server's CPU per document (its backend process) is printed beside the loader's.

Ratios are given in wall time and in CPU time (the loader's process and its parse workers,
against the floor's process): on a shared machine the wall ratio moves with other work, the CPU
ratio much less. A last run (``--jobs 0``, so every step is in one process) prints CPU ms per
document by stage. Last, ``manage.py load_minutes --no-release`` runs as a process of its own
(start-up and parse workers included: the whole process) on SQLite, and ``build_release`` after
it: the release ``load_minutes`` writes after a load is one per run, whatever the number of files,
so it is printed apart and not in the ratios.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from hashlib import sha256
from importlib import import_module
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


def floor(paths: list[Path], db: Path, batch_size: int) -> tuple[float, float]:
    """Read, hash and decode each file and insert its text; same SQLite settings and commit
    batches as the loader. (wall seconds, CPU seconds)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    conn.execute("CREATE TABLE raw (path TEXT, sha256 TEXT, text TEXT)")
    cpu = time.process_time()
    start = time.perf_counter()
    for first in range(0, len(paths), batch_size):
        conn.execute("BEGIN IMMEDIATE")
        for path in paths[first : first + batch_size]:
            data = path.read_bytes()
            conn.execute(
                "INSERT INTO raw VALUES (?, ?, ?)", (str(path), sha256(data).hexdigest(), data.decode("utf-8"))
            )
        conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def command(files: Path, db: Path, jobs: int, releases: Path) -> tuple[float, float, float]:
    """``manage.py load_minutes FILES --no-release`` as its own process on a migrated SQLite file:
    the whole process, start-up and parse workers included. (wall seconds, CPU seconds of the
    command and its workers, CPU seconds of the release ``build_release`` then writes: what
    ``load_minutes`` without ``--no-release`` adds once a run, whatever the number of files)."""
    from tests.reliability.loaders import ROOT

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DEBUG": "1", "RELEASES_DIR": str(releases)}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    times = []
    for args in (["load_minutes", str(files), "--no-release", "--jobs", str(jobs)], ["build_release"]):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        times.append((time.perf_counter() - start, cpu))
    (wall, cpu), (_, release_cpu) = times
    return wall, cpu, release_cpu


def cpu_with_children() -> float:
    """CPU seconds of this process and of its children that ended (the parse workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


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
    whole_cpu: float  # the loader and its parse workers


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
    from archive.pipeline.load import load_paths, loader_gc

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    for path in paths:
        parse_minutes(path.read_bytes())
    parse_only = time.perf_counter() - start
    server_before = backend_cpu_seconds(connection) if connection.vendor == "postgresql" else None
    statements = Statements()
    cpu_before, whole_before = time.process_time(), cpu_with_children()
    start = time.perf_counter()
    with connection.execute_wrapper(statements), loader_gc():  # as load_minutes runs it
        report = load_paths(paths, jobs=jobs)
    elapsed = time.perf_counter() - start
    loader_cpu = time.process_time() - cpu_before
    whole_cpu = cpu_with_children() - whole_before
    server_cpu = None
    if server_before is not None:
        server_cpu = backend_cpu_seconds(connection) - server_before
    assert report.count("loaded") == len(paths), f"{report.failed} failed"
    connection.close()
    return Run(elapsed, parse_only, statements.count, loader_cpu, server_cpu, whole_cpu)


# Stages of one document's way, timed by wrapping the functions that do them: (label, module,
# function). Times are CPU and exclusive: a stage's time leaves out the listed stages it calls
# (the file's read in the parse step, a table's insert in the officials), so they add up.
STAGES = [
    ("parse step: hashes, the step's own work", "archive.pipeline.load", "parse_path"),
    ("read the file", "archive.pipeline.steps", "read_file"),
    ("decode (intake)", "archive.pipeline.steps", "read_documents"),
    ("parse", "archive.pipeline.steps", "parse_document"),
    ("search text, bigrams, text digest", "archive.pipeline.steps", "normalise"),
    ("search text, bigrams, text digest", "archive.pipeline.steps", "bigrams"),
    ("search text, bigrams, text digest", "archive.pipeline.steps", "searchable_text"),
    ("search text, bigrams, text digest", "archive.pipeline.steps", "text_digest"),
    ("results, options", "archive.pipeline.load", "item_for"),
    ("places (resolution)", "archive.pipeline.load", "resolve_places"),
    ("storable check", "archive.pipeline.load", "_refuse_unstorable"),
    ("files known already", "archive.pipeline.load", "_mark_known"),
    ("write: commit, Python between the steps", "archive.pipeline.load", "_write"),
    ("sources (lookups, original bytes)", "archive.records.new", "insert_sources"),
    ("officials (lookups, pinyin, aliases)", "archive.records.new", "resolve_officials"),
    ("meeting and participation rows (Python)", "archive.records.new", "meeting_row"),
    ("meeting and participation rows (Python)", "archive.records.new", "participation_rows"),
    ("meeting and participation rows (Python)", "archive.records.new", "search_entry_row"),
    ("INSERT: sources, meetings, participations, search entries", "archive.records.new", "insert_rows"),
    ("agenda items, documents", "archive.records.new", "write_agenda"),
    ("appointments", "archive.records.new", "write_appointments"),
    ("tenures (lookups, widening, INSERT and UPDATE)", "archive.careers.tenures", "add_meetings"),
    ("text index (SQLite FTS5)", "archive.search", "index_texts"),
]


def breakdown(paths: list[Path], db: Path | str) -> tuple[dict[str, float], float]:
    """One more load with ``--jobs 0`` and every stage timed: CPU seconds by stage, and in all."""
    spent: dict[str, float] = defaultdict(float)
    running: list[list[float]] = []  # the time the calls under way spent in listed stages below them
    saved = []
    for label, module_name, name in STAGES:
        module = import_module(module_name)
        original = getattr(module, name)
        saved.append((module, name, original))
        setattr(module, name, _timed(original, label, spent, running))
    try:
        run = archive(paths, db, jobs=0)
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)
    return spent, run.loader_cpu


def _timed(function, label, spent, running):
    def timed(*args, **kwargs):
        start = time.process_time()
        running.append([0.0])
        try:
            return function(*args, **kwargs)
        finally:
            inner = running.pop()[0]
            elapsed = time.process_time() - start
            spent[label] += elapsed - inner
            if running:
                running[-1][0] += elapsed

    return timed


def print_breakdown(n: int, spent: dict[str, float], total: float, floor_cpu: float) -> None:
    print(
        f"CPU by stage, ms per document (one more run, --jobs 0; in all {1000 * total / n:.2f} ms, "
        f"the floor {1000 * floor_cpu / n:.3f} ms):"
    )
    for label in dict.fromkeys(label for label, _, _ in STAGES):
        print(f"  {1000 * spent[label] / n:7.3f}  {label}")
    print(f"  {1000 * (total - sum(spent.values())) / n:7.3f}  the rest (batches, reports, first imports)")


def print_runs(label: str, n: int, runs: list[Run], floor_s: float | None, jobs: int, floor_cpu: float | None = None):
    load_s = statistics.median(r.seconds for r in runs)
    print(f"{label}: loader docs/s per run: {', '.join(f'{n / r.seconds:.0f}' for r in runs)}")
    print(f"  load_minutes (parse + rows):    {n / load_s:9.0f} docs/s  (--jobs {jobs})")
    print(f"  statements: {runs[0].statements} ({runs[0].statements / n:.1f} per document)")
    loader_ms = 1000 * statistics.median(r.loader_cpu for r in runs) / n
    print(f"  loader CPU per document: {loader_ms:.2f} ms")
    if runs[0].server_cpu is not None:
        server_ms = 1000 * statistics.median(r.server_cpu for r in runs) / n
        print(f"  server CPU per document: {server_ms:.2f} ms  (ratio server/loader {server_ms / loader_ms:.2f})")
    whole_ms = 1000 * statistics.median(r.whole_cpu for r in runs) / n
    print(f"  CPU per document with the parse workers: {whole_ms:.2f} ms")
    if floor_s is not None:
        print(f"  ratio load/floor: {floor_s / load_s:.3f}   (loader takes {load_s / floor_s:.1f}x the floor's time)")
    if floor_cpu is not None:
        print(
            f"  CPU ratio: loader and workers take {whole_ms / (1000 * floor_cpu / n):.1f}x the floor's CPU (target 15x)"
        )


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
        spent, total = breakdown(paths, databases.fresh() if server else tmp / "breakdown.sqlite3")
        whole = command(tmp / "files", tmp / "command.sqlite3", jobs, tmp / "releases")
    load_s = statistics.median(r.seconds for r in runs)
    parse_s = statistics.median(r.parse_seconds for r in runs)
    floor_s = statistics.median(wall for wall, _ in floors)
    floor_cpu = statistics.median(cpu for _, cpu in floors)
    print(f"runs: {repeats}, medians; files: {n} (a fifth traditional, a tenth with pinyin annotations)")
    print(
        f"floor (read, hash, decode, insert raw text): {n / floor_s:9.0f} docs/s, {1000 * floor_cpu / n:.3f} ms CPU a document"
    )
    print(f"parse only:                       {n / parse_s:9.0f} docs/s")
    print_runs("PostgreSQL" if server else "SQLite", n, runs, floor_s, jobs, floor_cpu)
    print(f"target 1000 docs/s: {'met' if n / load_s >= 1000 else 'NOT met'}")
    wall, cpu, release_cpu = whole
    print(
        f"manage.py load_minutes --no-release --jobs {jobs}, the whole process on SQLite (start-up, workers; one run): "
        f"{n / wall:.0f} docs/s, {1000 * cpu / n:.2f} ms CPU a document; "
        f"{wall / floor_s:.1f}x the floor's time, {cpu / floor_cpu:.1f}x its CPU (target 15x). "
        f"The release after it (build_release): {release_cpu:.2f} s CPU, {1000 * release_cpu / n:.2f} ms a document here"
    )
    print_breakdown(n, spent, total, floor_cpu)


if __name__ == "__main__":
    main()
