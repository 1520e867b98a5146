"""Benchmark: search in the text (README, "Search in the text") over a synthetic archive in SQLite.

    python -m tests.benchmarks.bench_text_search [N_MEETINGS] [--db PATH]

Builds (or reuses, with --db) N synthetic meetings with bench_pages' builder (default 10,000),
then prints the median server time of /search/ for 2-, 4- and 8-character queries, a rare and a
common one each, best match first and newest first, beside the metadata searches of the
meetings and agenda items lists. Figures only, no assertion.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

QUERIES = [
    ("2 characters, a name", None),
    ("2 characters, common: 会议", "会议"),
    ("4 characters: 安全生产", "安全生产"),
    ("4 characters, common: 常务会议", "常务会议"),
    ("8 characters: 传达学习省委全会", "传达学习省委全会"),
    ("8 characters, absent: 传达学习市委全会", "传达学习市委全会"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    parser.add_argument("--database-url", help="a PostgreSQL database instead (built once if empty)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "pages.sqlite3"
    from tests.benchmarks.archive_db import configure

    configure(args.database_url or f"sqlite:///{db}")
    from django.db import connection
    from django.test import Client

    from archive.models import Meeting, Participation
    from tests.benchmarks.bench_pages import build, timed

    if (args.database_url is None and not db.exists()) or not Meeting.objects.exists():
        build(db, args.n)
    name = Participation.objects.filter(name__regex=r"^..$").values_list("name", flat=True).first()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sum(length(block)) FROM archive_text_fts_data")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT pg_relation_size('archive_source_text_bigrams_gin')")
        size = cursor.fetchone()[0] or 0
    print(f"archive: {Meeting.objects.count()} meetings; text index {size / 1e6:.1f} MB")
    client = Client()
    print(f"{'meetings list, no search':42s} {'':8s} {timed(client, '/meetings/'):10.1f}")
    print(f"{'query':42s} {'matches':>8s} {'ranked ms':>10s} {'newest ms':>10s} {'/meetings/ ms':>14s}")
    for label, q in QUERIES:
        q = q or name
        label = label if "name" not in label else f"{label}: {q}"
        matches = Meeting.objects.text_matching(q).count()
        ranked = timed(client, f"/search/?q={q}")
        newest = timed(client, f"/search/?q={q}&sort=-date")
        listed = timed(client, f"/meetings/?q={q}")
        print(f"{label:42s} {matches:8d} {ranked:10.1f} {newest:10.1f} {listed:14.1f}")
    for label, url in [
        ("agenda items search 防汛", "/agenda-items/?q=防汛"),
        ("meetings list, 6-character phrase 城市更新行动", "/meetings/?q=城市更新行动"),
    ]:
        print(f"{label:42s} {timed(client, url):10.1f} ms")


if __name__ == "__main__":
    main()
