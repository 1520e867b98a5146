"""Benchmark: importing participation rows through the django-import-export resource.

    python -m tests.benchmarks.bench_import [N_MEETINGS]     (default 11,000: about 100,000 rows)

Loads N synthetic meetings, exports their participations as CSV, deletes them, then times the
import of the file (all rows new) and of the same file again (all rows unchanged). Target: the
first import of 100,000 rows under 15 s on this machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 11_000
    tmp = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'import.sqlite3'}"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from archive.admin.formats import CSV
    from archive.admin.resources import ParticipationResource
    from archive.models import Participation
    from archive.pipeline.load import load_paths
    from tests.benchmarks.synthetic import generate

    call_command("migrate", verbosity=0)
    paths = []
    for name, data in generate(n, seed=5):
        path = tmp / name
        path.write_bytes(data)
        paths.append(path)
    load_paths(paths, jobs=1)
    start = time.perf_counter()
    exported = CSV().export_data(ParticipationResource().export())
    export_s = time.perf_counter() - start
    rows = Participation.objects.count()
    Participation.objects.all().delete()

    for label in ["all rows new", "same file again (unchanged)"]:
        start = time.perf_counter()
        result = ParticipationResource().import_data(CSV().create_dataset(exported), dry_run=False, raise_errors=True)
        elapsed = time.perf_counter() - start
        totals = dict(result.totals)
        print(f"import, {label}: {rows} rows in {elapsed:.1f} s ({rows / elapsed:.0f} rows/s); {totals}")
    print(f"export of {rows} rows: {export_s:.1f} s")
    print(f"target: 100,000 rows under 15 s; rows now: {Participation.objects.count()}")


if __name__ == "__main__":
    main()
