"""`manage.py load_minutes --help` imports none of the heavy modules a load needs later or never
(issue 17: start-up ≤ 0.4 s): they are imported when first used. A check of what is imported,
not of how long it takes."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What each costs at start-up, and when it is imported instead.
HEAVY = [
    "pypinyin",  # its phrase dictionary (~0.5 s): with the first new official's pinyin
    "openpyxl",  # spreadsheet exports and imports: the admin, with the URLs
    "tablib",
    "psycopg",  # PostgreSQL's driver: never on SQLite
    "psycopg2",
    "lxml",  # web pages: with the first page read
    "ninja",  # the API (with pydantic): with the URLs
    "pydantic",
    "networkx",  # co-attendance networks: with their pages
    "archive.parsing.parser",  # ~170 regular expressions: with the first file parsed
    "archive.pipeline.load",
    "archive.releases",
]

PROBE = """
import json, runpy, sys
sys.argv = ["manage.py", "load_minutes", "--help"]
try:
    runpy.run_path("manage.py", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def test_load_minutes_help_imports_no_heavy_module(tmp_path):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert "usage: manage.py load_minutes" in done.stdout
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert [name for name in HEAVY if name in imported] == []
