"""Benchmark: the read API beside the HTML pages, and a release's build time and size.

    python -m tests.benchmarks.bench_api [N_MEETINGS] [--db PATH] [--no-release]

Builds (or reuses, with --db) the archive of bench_pages (N synthetic meetings, default 10,000),
then prints the median server time of API lists and details beside the HTML pages that show the
same rows (15 requests after 2 warm-ups, as bench_pages), as wall time and as this process's CPU
time (the test client serves in-process: on a machine shared with other jobs, CPU time is the
steadier figure), then builds one release and prints its time, size per file and the process's
peak memory before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    parser.add_argument("--no-release", action="store_true", help="time the pages only")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "api.sqlite3"
    os.environ.setdefault("RELEASES_DIR", tempfile.mkdtemp(prefix="bench-releases-"))
    from tests.benchmarks.archive_db import configure

    configure(f"sqlite:///{db}")  # the benchmarks' production settings (the API's throttle off)
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from archive.models import Meeting, Official, Participation
    from archive.releases import build_release
    from tests.benchmarks.bench_pages import REPEATS, WARMUP, build

    def timed(url: str) -> tuple[float, float]:
        for _ in range(WARMUP):
            client.get(url)
        wall, cpu = [], []
        for _ in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(wall) * 1000, statistics.median(cpu) * 1000

    if "archive_meeting" not in connection.introspection.table_names() or not Meeting.objects.exists():
        build(db, args.n)
    n = Meeting.objects.count()
    busiest = Official.objects.annotate(n=Count("participations")).order_by("-n").values_list("id", flat=True).first()
    meeting = Meeting.objects.order_by("id")[n // 2]
    last_id = Meeting.objects.order_by("-id").values_list("id", flat=True).first()
    division = meeting.division.code if meeting.division_id else ""
    body = f"{division or '-'}/{meeting.body}"
    deep = max(1, min(100, n // 50))  # the HTML list's page 100, or its last
    print(
        f"archive: {n} meetings, {Participation.objects.count()} participations, {Official.objects.count()} officials"
    )
    client = Client()
    pairs = [
        ("meetings, first page", "/meetings/", "/api/meetings"),
        ("meetings, deep page", f"/meetings/?page={deep}", f"/api/meetings?after={last_id - 200}"),
        ("meetings of a division", f"/meetings/?division={division}", f"/api/meetings?division={division}"),
        ("meetings of an official", f"/meetings/?official={busiest}", f"/api/meetings?official={busiest}"),
        ("meetings, search 城市更新", "/meetings/?q=城市更新", "/api/meetings?q=城市更新"),
        ("a meeting", f"/meetings/{meeting.id}/", f"/api/meetings/{meeting.id}"),
        ("officials", "/officials/", "/api/officials"),
        ("an official", f"/officials/{busiest}/", f"/api/officials/{busiest}"),
        ("agenda items", "/agenda-items/", "/api/agenda-items"),
        ("documents", "/documents/", "/api/documents"),
        ("participations of an official", f"/officials/{busiest}/", f"/api/participations?official={busiest}"),
        ("tenures of an official", f"/officials/{busiest}/career/", f"/api/tenures?official={busiest}"),
        ("appointments", f"/places/{division}/", "/api/appointments"),
        ("posts of a division", f"/places/{division}/", f"/api/posts?division={division}"),
        ("bodies", "/places/", "/api/bodies"),
        ("bodies, 5 a page", "/places/", "/api/bodies?limit=5"),
        ("bodies, a page further", "/places/", f"/api/bodies?after={division or '-'}:{meeting.body}"),
        ("a body", f"/bodies/{body}/", f"/api/bodies/{body}"),
        ("divisions", "/places/", "/api/divisions"),
    ]
    print(f"{'rows':34s} {'HTML ms':>9s} {'(CPU)':>7s} {'API ms':>9s} {'(CPU)':>7s}")
    for label, page, api in pairs:
        (html, html_cpu), (json, json_cpu) = timed(page), timed(api)
        print(f"{label:34s} {html:9.1f} {html_cpu:7.1f} {json:9.1f} {json_cpu:7.1f}", flush=True)

    if args.no_release:
        return
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    manifest = build_release()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(f["bytes"] for f in manifest["files"])
    print(f"release {manifest['name']}: {seconds:.1f} s, {total / 1e6:.1f} MB; peak RSS {before:.0f} → {after:.0f} MB")
    for file in manifest["files"]:
        print(f"  {file['name']:28s} {file['bytes'] / 1e6:8.2f} MB")
    print("  rows: " + ", ".join(f"{name} {count}" for name, count in manifest["counts"].items()))


if __name__ == "__main__":
    main()
