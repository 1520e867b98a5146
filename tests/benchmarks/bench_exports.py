"""Benchmark: a filtered list's CSV and JSON download against a plain sqlite3 + csv floor.

    python -m tests.benchmarks.bench_exports [N] [--db PATH] [--year YEAR]

On the archive of N synthetic meetings (tests.benchmarks.archive_db; default 10,000), the
meetings list filtered by a year (``/meetings/?year=YEAR&format=csv`` and ``json``), read to its
end through Django's test client; and the floor: the same rows and columns (participants,
chairs, agenda and documents joined per meeting with group_concat) selected with Python's
sqlite3 and written with csv.writer. Prints the median CPU time of 5 of each (SQLite runs in
this process), per row, and the ratio to the floor. Target (issue 17): ≤ 2× the floor per row.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

REPEATS = 5

FLOOR_SQL = """
SELECT m.id, m.date, m.year, m.month, m.day, m.part_of_day, m.body, m.session_number, m.locality, d.code,
  (SELECT group_concat(name, '、') FROM (SELECT name FROM archive_participation p
     WHERE p.meeting_id = m.id AND p.role = 'chair' ORDER BY p."order")),
  (SELECT group_concat(name || ':' || role, '、') FROM (SELECT name, role FROM archive_participation p
     WHERE p.meeting_id = m.id ORDER BY p."order")),
  (SELECT group_concat(title, '；') FROM (SELECT title FROM archive_agendaitem a
     WHERE a.meeting_id = m.id ORDER BY a."order")),
  (SELECT group_concat(title, '、') FROM (SELECT t.title FROM archive_document_meetings dm
     JOIN archive_document t ON t.id = dm.document_id WHERE dm.meeting_id = m.id ORDER BY t.title)),
  s.format, s.url, s.title, s.site, s.published
FROM archive_meeting m JOIN archive_sourcedocument s ON s.id = m.source_id
LEFT JOIN archive_division d ON d.id = m.division_id
WHERE m.year = ? ORDER BY m.date DESC NULLS LAST, m.id DESC
"""


class _Discard:
    def write(self, value):
        return len(value)


def floor(db: Path, year: int) -> tuple[float, int]:
    """CPU seconds to write the filtered meetings as CSV with sqlite3 and csv alone; the rows."""
    connection = sqlite3.connect(db)
    start = time.process_time()
    writer = csv.writer(_Discard())
    rows = 0
    for row in connection.execute(FLOOR_SQL, (year,)):
        meeting_id, *rest = row
        writer.writerow([meeting_id, f"http://testserver/meetings/{meeting_id}/", *rest])
        rows += 1
    elapsed = time.process_time() - start
    connection.close()
    return elapsed, rows


def download(client, url: str) -> tuple[float, int]:
    start = time.process_time()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.process_time() - start
    assert response.status_code == 200 and size, url
    return elapsed, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    parser.add_argument("--year", type=int, default=2020)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "exports.sqlite3"
    from tests.benchmarks.archive_db import configure, ensure

    configure(f"sqlite:///{db}")
    ensure(args.n)
    from django.test import Client

    from archive.models import Meeting

    rows = Meeting.objects.filter(year=args.year).count()
    floor_cpu = statistics.median(floor(db, args.year)[0] for _ in range(REPEATS))
    print(f"archive: {Meeting.objects.count()} meetings; year {args.year}: {rows} rows")
    print(f"{'':28s} {'CPU ms':>8s} {'ms a row':>9s} {'× floor':>8s}")
    print(f"{'floor (sqlite3 + csv)':28s} {floor_cpu * 1000:8.1f} {floor_cpu * 1000 / rows:9.3f} {1:8.2f}")
    client = Client()
    for fmt in ("csv", "json"):
        url = f"/meetings/?year={args.year}&format={fmt}"
        download(client, url)  # warm
        cpu = statistics.median(download(client, url)[0] for _ in range(REPEATS))
        print(f"{'meetings list as ' + fmt:28s} {cpu * 1000:8.1f} {cpu * 1000 / rows:9.3f} {cpu / floor_cpu:8.2f}")


if __name__ == "__main__":
    main()
