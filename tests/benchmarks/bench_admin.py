"""Benchmark: server time of the admin pages curators use most, over a large archive in SQLite.

    python -m tests.benchmarks.bench_admin [N_MEETINGS] [--db PATH] [--queries]

Builds (or reuses, with --db) the archive of bench_pages (N synthetic meetings, default 100,000,
about nine participations each, loaded with load_minutes), then times each admin page through
Django's test client as a logged-in superuser: the median of 15 requests after 2 warm-ups, and
the number of SQL queries of one request. Target (issue 11, item 16): 60 ms each.
``--queries`` also prints each page's slowest queries.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.benchmarks.archive_db import configure
from tests.benchmarks.bench_pages import REPEATS, WARMUP, build

TARGET_MS = 60


def timed(client, url: str) -> tuple[float, float] | None:
    """The median time of a page and the median CPU time of this process for it (SQLite runs in
    the process: on a busy machine the CPU time varies less than the wall time). None for a page
    that is not there (an older version's admin)."""
    for _ in range(WARMUP):
        if client.get(url).status_code != 200:
            return None
    times, cpu = [], []
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, statistics.median(cpu) * 1000


def queries_of(client, url: str) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file, e.g. bench_pages'")
    parser.add_argument("--queries", action="store_true", help="print each page's slowest queries")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "admin.sqlite3"
    configure(f"sqlite:///{db}")  # production settings, as bench_pages has them
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from archive.models import Meeting, Official, Participation

    if not db.exists() or not Meeting.objects.exists():
        build(db, args.n)
    call_command("migrate", verbosity=0)  # an archive built before this code's migrations
    meeting = (
        Meeting.objects.annotate(n=Count("participations")).filter(n__gte=12).order_by("id").first()
        or Meeting.objects.order_by("id").first()
    )
    year = Meeting.objects.exclude(year=None).values_list("year", flat=True).order_by("-year").first()
    print(
        f"archive: {Meeting.objects.count()} meetings, {Participation.objects.count()} participations, "
        f"{Official.objects.count()} officials; the meeting timed has {meeting.participations.count()} "
        f"participations and {meeting.agenda_items.count()} agenda items"
    )
    curator = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser("bench-admin")
    client = Client()
    client.force_login(curator)
    pages = [
        ("meetings", "/admin/archive/meeting/"),
        (f"meetings, year filter {year}", f"/admin/archive/meeting/?year={year}"),
        ("meetings, year filter + needs review", f"/admin/archive/meeting/?year={year}&needs_review__exact=1"),
        ("review queue", "/admin/archive/meetingforreview/"),
        ("review queue, reason chair-missing", "/admin/archive/meetingforreview/?reason=chair-missing"),
        ("officials", "/admin/archive/official/"),
        ("officials search chenhao", "/admin/archive/official/?q=chenhao"),
        ("officials search 王", "/admin/archive/official/?q=王"),
        ("officials without locality", "/admin/archive/official/?locality=none"),
        ("participations", "/admin/archive/participation/"),
        ("participations not linked", "/admin/archive/participation/?linked=no"),
        ("a meeting's change page", f"/admin/archive/meeting/{meeting.id}/change/"),
        ("a meeting's history", f"/admin/archive/meeting/{meeting.id}/history/"),
    ]
    print(f"{'admin page':48s} {'median ms':>10s} {'cpu ms':>7s} {'queries':>8s} {'target':>7s}")
    for label, url in pages:
        measured = timed(client, url)
        if measured is None:
            print(f"{label:48s} {'n/a':>10s}")
            continue
        ms, cpu = measured
        queries = queries_of(client, url)
        verdict = "ok" if ms <= TARGET_MS else "SLOW"
        print(f"{label:48s} {ms:10.1f} {cpu:7.1f} {len(queries):8d} {TARGET_MS:7d}  {verdict}")
        if args.queries:
            for q in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
