"""The synthetic archive the page benchmarks time: built once with the loader, reused by path.

    python -m tests.benchmarks.archive_db N --db PATH [--jobs J] [--rebuild]

builds N synthetic meetings (tests/benchmarks/synthetic.py, seed 11) into the SQLite file PATH,
unless it holds meetings already, and prints the build time and peak memory. bench_pages,
bench_admin, bench_api and bench_text_search build through ``ensure`` too.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

# Production settings for the benchmarks (DEBUG off: cached templates, no query log), plain HTTP
# for the test client. The key is as long as the settings require outside DEBUG.
SETTINGS = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-production-like-secret-key-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "0",
    "API_RATE": "1000000/m",  # the API's throttle is not what is measured
    "DJANGO_SETTINGS_MODULE": "minutes_site.settings",
}
# Files a parse worker makes and parses at a time, and how many such parts may wait per worker: the
# parses waiting for the writer stay a few hundred whatever N (load_paths' executor.map takes every
# file at once, and parses pile up in memory when the workers outrun the writer).
PART = 100
PARTS_AHEAD = 3
REPORT_EVERY = 10_000  # files between progress lines (each load_paths-style run's report is dropped)
SEED = 11


def configure(database_url: str) -> None:
    """Django set up on this database, with the benchmark settings (the environment's own win)."""
    os.environ["DATABASE_URL"] = database_url
    for name, value in SETTINGS.items():
        os.environ.setdefault(name, value)
    if os.environ["DEBUG"] in ("0", "", "false", "False") and len(os.environ["SECRET_KEY"]) < 50:
        os.environ["SECRET_KEY"] = SETTINGS["SECRET_KEY"]
    import django

    django.setup()


def db_name(n: int) -> str:
    """1000 -> 1k-v2.sqlite3, 100000 -> 100k-v2.sqlite3: the synthetic minutes' version in the
    name, so that an archive built from other minutes is not reused beside a new one."""
    from tests.benchmarks.synthetic import VERSION

    size = f"{n // 1000}k" if n % 1000 == 0 else str(n)
    return f"{size}-v{VERSION}.sqlite3"


def ensure(n: int, jobs: int = 1) -> None:
    """The configured database migrated, with the archive built in it unless it has meetings."""
    from django.core.management import call_command

    from archive.models import Meeting

    call_command("migrate", verbosity=0)  # also an archive built before this code's migrations
    if not Meeting.objects.exists():
        build(n, jobs)


def build(n: int, jobs: int = 1) -> None:
    """N synthetic meetings (the files of ``synthetic.generate(N, SEED)``) into the (migrated)
    database through the loader's own steps: each file's bytes parsed by ``parse_bytes`` (what
    ``load_paths`` runs on a file once read) in ``jobs`` worker processes, then ``run`` (resolution, the storable check, ``write_new`` a batch
    of archive.pipeline.load.BATCH_SIZE at a time), as ``load_minutes`` does. Nothing is written
    to disk but the database, and nothing is kept: memory does not grow with N.
    Prints the time, CPU and peak RSS of the writer and of the largest parse worker."""
    from archive.parsing import LoadOptions
    from archive.pipeline.load import run

    start, start_cpu = time.perf_counter(), time.process_time()
    parsed = _parsed(n, jobs)
    options, done, loaded, failed = LoadOptions(), 0, 0, 0
    while done < n:
        report = run(itertools.islice(parsed, REPORT_EVERY), options, keep_meetings=False)
        done += len(report.results)
        loaded, failed = loaded + report.count("loaded"), failed + report.failed
        if not report.results:
            break
        del report
        print(f"  {done} files, {time.perf_counter() - start:.0f} s, peak RSS {peak_rss_mb():.0f} MB", flush=True)
    parsed.close()  # the workers end (and their CPU time is counted in RUSAGE_CHILDREN)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"built {loaded} meetings ({failed} errors) in {elapsed:.0f} s ({n / elapsed:.0f} files/s); "
        f"CPU: writer {cpu:.0f} s ({cpu / max(n, 1) * 1000:.2f} ms a file), parse workers "
        f"{children.ru_utime + children.ru_stime:.0f} s; peak RSS: writer {peak_rss_mb():.0f} MB, "
        f"largest worker {_worker_peak['mb']:.0f} MB",
        flush=True,
    )


# The largest peak RSS (MB) a parse worker reported.
_worker_peak = {"mb": 0.0}


def _parsed(n: int, jobs: int):
    """The FileParse of each synthetic file, in order. The texts are made here (the random
    stream is one, so the files are ``generate``'s), a part of PART at a time; a worker turns a
    part into files (the script conversion) and parses them, at most PARTS_AHEAD parts per worker
    ahead of the writer."""
    from archive.pipeline.workers import init_worker
    from tests.benchmarks.synthetic import iter_texts

    texts = iter_texts(n, seed=SEED)
    parts = iter(lambda: list(itertools.islice(texts, PART)), [])
    if jobs < 1:
        for part in parts:
            yield from parse_part(part)[0]
        return
    # spawn, as the loader's workers: they need no Django.
    with ProcessPoolExecutor(
        jobs, mp_context=get_context("spawn"), initializer=init_worker, initargs=(os.getpid(),)
    ) as executor:
        pending: deque = deque()
        for part in parts:
            pending.append(executor.submit(parse_part, part))
            if len(pending) >= jobs * PARTS_AHEAD:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())


def _collect(future):
    parses, peak = future.result()
    _worker_peak["mb"] = max(_worker_peak["mb"], peak)
    return parses


def parse_part(texts: list[tuple[int, str]]) -> tuple[list, float]:
    """In a worker: the part's files made (tests.benchmarks.synthetic.as_file) and parsed as the
    loader parses a file's bytes; with the worker's peak RSS so far in MB."""
    from archive.parsing import LoadOptions
    from archive.pipeline.steps import parse_bytes
    from tests.benchmarks.synthetic import as_file

    options = LoadOptions()
    files = [as_file(i, text) for i, text in texts]
    return [parse for name, data in files for parse in parse_bytes(data, name, options)], _vm_hwm_mb()


def _vm_hwm_mb() -> float:
    """This process's peak RSS since it started its program (ru_maxrss of a spawned child would
    count the parent's pages it had before exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    """Peak resident memory of this process (the writer), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--db", type=Path, required=True, help="the SQLite file (built if it has no meetings)")
    # One worker: the single writer is the slower step (2.4 ms a file against 1.4 ms of parsing);
    # a second worker only takes its core on a 2-core machine (100,000 files: 278 s, was 370 s).
    parser.add_argument("--jobs", type=int, default=1, help="parse workers (0: parse in this process)")
    parser.add_argument("--rebuild", action="store_true", help="delete the file first")
    args = parser.parse_args()
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    configure(f"sqlite:///{args.db}")
    ensure(args.n, args.jobs)


if __name__ == "__main__":
    main()
