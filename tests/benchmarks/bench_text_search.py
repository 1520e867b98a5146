"""Benchmark: search in the text (README, "Search in the text") on SQLite and PostgreSQL, at the
sizes given, with the ratio between the smallest and the largest.

    python -m tests.benchmarks.bench_text_search [N ...] [--dir DIR] [--postgres URL]

For each size N (default 10,000) it builds, or reuses, N synthetic meetings with bench_pages'
builder: a SQLite file ``DIR/text-search-N.sqlite3`` (DIR defaults to a temporary folder) and,
with ``--postgres postgres://…/NAME``, the database ``NAME_N`` on that server (created when
absent). Each archive is timed in a child process (Django has one database per process): the
median server time of /search/ for 2-, 4- and 8-character queries, a rare and a common one each,
best match first and newest first, beside the metadata search of the meetings list. Figures
only, no assertion.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

# The synthetic archive is the same for a seed (bench_pages builds with seed 11): its first
# 1,000 meetings are those of every bigger size. 范鹏 chairs one of the first 1,000 meetings and
# is named in five of the first 10,000; the common words are in a quarter to all of them.
QUERIES = [
    ("2, rare", "范鹏"),
    ("2, common", "会议"),
    ("4, rare", "范鹏主持"),
    ("4, common", "常务会议"),
    ("8, rare", "区长范鹏主持召开"),
    ("8, common", "传达学习省委全会"),
    ("8, absent", "传达学习市委全会"),
]
COLUMNS = ("ranked", "newest", "meetings")  # /search/ best first, /search/ newest first, /meetings/?q=


def measure(database_url: str, n: int) -> dict:
    """In this process: build the archive if needed, then time every query (a dict for JSON)."""
    from tests.benchmarks.archive_db import configure

    configure(database_url)  # the benchmarks' production settings
    from django.db import connection
    from django.test import Client

    from archive.models import Meeting
    from tests.benchmarks.bench_pages import build, timed

    if "archive_meeting" not in connection.introspection.table_names() or not Meeting.objects.exists():
        build(None, n)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sum(length(block)) FROM archive_text_fts_data")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT pg_total_relation_size('archive_text_grams')")
        size = cursor.fetchone()[0] or 0
    client = Client()
    rows = {}
    for label, q in QUERIES:
        rows[label] = {
            "q": q,
            "matches": Meeting.objects.text_matching(q).count(),
            "ranked": timed(client, f"/search/?q={q}"),
            "newest": timed(client, f"/search/?q={q}&sort=-date"),
            "meetings": timed(client, f"/meetings/?q={q}"),
        }
    return {
        "vendor": connection.vendor,
        "meetings": Meeting.objects.count(),
        "index_mb": size / 1e6,
        "list_ms": timed(client, "/meetings/"),
        "rows": rows,
    }


def postgres_url(server_url: str, n: int) -> str:
    """``…/NAME`` -> ``…/NAME_N``, the database created when absent."""
    import psycopg

    base, _, name = server_url.rpartition("/")
    database = f"{name}_{n}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')
    return f"{base}/{database}"


def run_child(database_url: str, n: int) -> dict:
    command = [sys.executable, "-m", "tests.benchmarks.bench_text_search", "--measure", database_url, str(n)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    """One line a query: matches at each size, then each column's median at each size and the
    ratio of the largest size's to the smallest's (the query last: CJK is twice as wide)."""
    sizes = [f"{r['meetings']:,}" for r in results]
    ratio = ["ratio"] if len(results) > 1 else []
    print(f"\n{results[0]['vendor']}: text index " + ", ".join(f"{r['index_mb']:.1f} MB" for r in results))
    print("median ms of 15 requests: /search/ best first (ranked), newest first; /meetings/?q= (metadata)")
    width = 8 * (len(sizes) + len(ratio))
    print(f"{'':10s} {'matches':>{8 * len(sizes)}s} " + " ".join(f"{c:>{width}s}" for c in COLUMNS))
    cells = "".join(f"{x:>8s}" for x in sizes + ratio)
    print(f"{'size':10s} " + "".join(f"{x:>8s}" for x in sizes) + " " + " ".join([cells] * len(COLUMNS)))
    print(
        f"{'no search':10s} {'':{8 * len(sizes)}s} "
        + "".join(f"{r['list_ms']:8.1f}" for r in results)
        + "  (/meetings/)"
    )
    for label, q in QUERIES:
        rows = [r["rows"][label] for r in results]
        line = f"{label:10s} " + "".join(f"{row['matches']:8d}" for row in rows)
        for c in COLUMNS:
            line += " " + "".join(f"{row[c]:8.1f}" for row in rows)
            line += f"{rows[-1][c] / rows[0][c]:7.1f}×" if ratio else ""
        print(f"{line}  {q}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--dir", type=Path, help="where the SQLite archives are built once and reused")
    parser.add_argument("--postgres", help="postgres://…/NAME: also PostgreSQL, in databases NAME_<size>")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: one database, one size
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.sizes[0])))
        return
    folder = args.dir or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes)
    print_table([run_child(f"sqlite:///{folder / f'text-search-{n}.sqlite3'}", n) for n in sizes])
    if args.postgres:
        print_table([run_child(postgres_url(args.postgres, n), n) for n in sizes])


if __name__ == "__main__":
    main()
