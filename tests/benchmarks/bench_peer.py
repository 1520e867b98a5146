"""Benchmark: the archive's pages beside lean Datasette on the same SQLite file and question.

    python -m tests.benchmarks.bench_peer --db PATH [--datasette-python PYTHON]

Issue 17 names Datasette with ``_nocount=1&_nofacet=1`` as the peer: for each question both
answer in HTML (ours through Django's test client, Datasette through its in-process ASGI
client, so neither pays for sockets), and the script prints both medians and ours ÷ Datasette
(target ≤ 1.0). Datasette is not a dependency of the project: it runs in the Python given by
``--datasette-python`` (or ``DATASETTE_PYTHON``), a separate virtualenv with ``pip install
datasette``, so its own requirements never meet ours. The archive file is built by
``tests.benchmarks.bench_pages --db PATH`` and opened read-only by both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPEATS = 15
WARMUP = 2

# Datasette's side, run in its own interpreter: times each path and prints {path: median ms}.
_DATASETTE_TIMER = """
import asyncio, json, statistics, sys, time
from datasette.app import Datasette

db, repeats, warmup, paths = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])

async def main():
    ds = Datasette([db], immutables=[], settings={"sql_time_limit_ms": 60000})
    await ds.invoke_startup()
    result = {}
    for path in paths:
        for _ in range(warmup):
            await ds.client.get(path)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = await ds.client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        result[path] = statistics.median(times) * 1000
    print(json.dumps(result))

asyncio.run(main())
"""

LEAN = "_nocount=1&_nofacet=1&_size=50"


def questions(db_name: str) -> list[tuple[str, str, str]]:
    """(question, our URL, Datasette's URL): the same rows asked of the same file."""
    from django.db.models import Count

    from archive.models import AgendaItem, Meeting, Official, Participation

    meeting = Meeting.objects.order_by("id")[Meeting.objects.count() // 2]
    official = Official.objects.annotate(n=Count("participations")).order_by("-n").first()
    name = Participation.objects.filter(name__regex=r"^..$").values_list("name", flat=True).first()
    word = "防汛" if AgendaItem.objects.filter(title__contains="防汛").exists() else "工作"
    table = f"/{db_name}"
    return [
        ("meetings, newest first", "/meetings/", f"{table}/archive_meeting?_sort_desc=date&{LEAN}"),
        (
            "meetings of a body in a year",
            f"/meetings/?year=2020&body={quote(meeting.body)}",
            f"{table}/archive_meeting?year=2020&body={quote(meeting.body)}&_sort_desc=date&{LEAN}",
        ),
        ("a meeting", f"/meetings/{meeting.id}/", f"{table}/archive_meeting/{meeting.id}"),
        ("an official", f"/officials/{official.id}/", f"{table}/archive_official/{official.id}"),
        (
            "an official's participations",
            f"/meetings/?official={official.id}",
            f"{table}/archive_participation?official_id={official.id}&{LEAN}",
        ),
        (
            f"agenda items with {word}",
            f"/agenda-items/?q={quote(word)}",
            f"{table}/archive_agendaitem?title__contains={quote(word)}&{LEAN}",
        ),
        (
            f"participations of the name {name}",
            f"/meetings/?q={quote(name)}",
            f"{table}/archive_participation?name={quote(name)}&{LEAN}",
        ),
        ("officials", "/officials/", f"{table}/archive_official?_sort=name&{LEAN}"),
        ("documents", "/documents/", f"{table}/archive_document?{LEAN}"),
    ]


def ours(paths: list[str]) -> dict[str, float]:
    from django.test import Client

    client = Client()
    result = {}
    for path in paths:
        for _ in range(WARMUP):
            client.get(path)
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        result[path] = statistics.median(times) * 1000
    return result


def datasette(python: str, db: Path, paths: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [python, "-c", _DATASETTE_TIMER, str(db), str(REPEATS), str(WARMUP), json.dumps(paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"Datasette failed ({python}): {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an archive built by bench_pages --db")
    parser.add_argument("--datasette-python", default=os.environ.get("DATASETTE_PYTHON", ""))
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db}: no such archive; build one with python -m tests.benchmarks.bench_pages --db {args.db}")
    if not args.datasette_python:
        sys.exit("give --datasette-python (a Python with datasette installed) or set DATASETTE_PYTHON")
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from archive.models import Meeting

    asked = questions(args.db.stem)
    mine = ours([ours_url for _, ours_url, _ in asked])
    peer = datasette(args.datasette_python, args.db, [peer_url for _, _, peer_url in asked])
    print(f"archive: {Meeting.objects.count():,} meetings ({args.db})")
    print(f"{'question':40s} {'ours ms':>8s} {'Datasette ms':>13s} {'ratio':>6s}  target ≤ 1.0")
    ratios = []
    for question, ours_url, peer_url in asked:
        ratio = mine[ours_url] / peer[peer_url]
        ratios.append(ratio)
        print(
            f"{question:40s} {mine[ours_url]:8.1f} {peer[peer_url]:13.1f} {ratio:6.2f}  {'ok' if ratio <= 1 else 'SLOWER'}"
        )
    print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f}")


if __name__ == "__main__":
    main()
