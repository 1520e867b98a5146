"""Benchmark: 1, 2 and 4 `load_minutes` processes at once on PostgreSQL (a script, not a test).

    DATABASE_URL=postgres://user@host:port/any python -m tests.benchmarks.bench_parallel_load [N [LOADERS ...]]

N synthetic files (default 2000) are split into as many parts as loaders; each loader loads its
part (`--jobs 0`: one process each) into a fresh scratch database on the server of DATABASE_URL.
Prints wall-clock docs/s for each count of loaders (process start-up included), and checks that
every file was loaded once and the records equal those of one loader.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.reliability.loaders import postgres_url, records, run_loaders, scratch_databases, write_minutes


def main():
    if not postgres_url():
        sys.exit("set DATABASE_URL to a PostgreSQL server (postgres://...)")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    counts = [int(a) for a in sys.argv[2:]] or [1, 2, 4]
    with tempfile.TemporaryDirectory() as tmp, scratch_databases() as databases:
        reference = None
        print(f"files: {n}; one process per loader (--jobs 0); PostgreSQL")
        for loaders in counts:
            parts = write_minutes(Path(tmp) / f"for{loaders}", n, parts=loaders)
            url = databases.fresh()
            run = run_loaders(url, [[part] for part in parts])
            if run.errors() or set(run.exit_codes) != {0}:
                sys.exit(f"{loaders} loader(s) failed: {run.errors()[:3]} exit codes {run.exit_codes}")
            assert len(run.loaded_paths()) == n
            got = records(url)
            # Paths differ between runs (other folders); every other record must be the same.
            got.pop("sources")
            reference = reference or got
            same = "same records as 1 loader" if got == reference else "RECORDS DIFFER from 1 loader"
            print(f"{loaders} loader(s): {n / run.seconds:7.0f} docs/s  ({run.seconds:.1f} s; {same})")


if __name__ == "__main__":
    main()
