"""load_minutes starts without the libraries it needs only later or never (issue 17): the admin
and its spreadsheet formats (openpyxl), psycopg on SQLite, pypinyin's phrase dictionary
(imported when the first new official needs a pinyin), the API's django-ninja and pydantic,
lxml (the first web page), networkx (attendance networks); and ``--help`` without the parser,
the pipeline or the release writer either. A check of what is imported, not of time."""

import json
import subprocess
import sys
from pathlib import Path

from tests.reliability.loaders import ROOT, environment

# Modules and their submodules (import_export's own package is an installed app, and small).
HEAVY = (
    "pypinyin",
    "openpyxl",
    "tablib",
    "psycopg",
    "import_export.formats",
    "archive.admin",
    "ninja",
    "pydantic",
    "lxml",
    "networkx",
)
# What a load needs, but not --help: ~170 regular expressions, the steps, the release writer.
LOADER = ("archive.parsing.parser", "archive.pipeline", "archive.releases")


def _imported(*args: str, url: str, heavy=HEAVY) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "manage.py", *args],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        check=True,
    )
    names = [line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    return {module for module in heavy for name in names if name == module or name.startswith(module + ".")}


def test_load_minutes_starts_without_heavy_imports(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=environment(url), check=True)
    minutes = tmp_path / "a.txt"
    minutes.write_text("2021年1月4日，区长陈健主持召开区政府常务会议。会议审议了《甲办法》。", encoding="utf-8")
    assert _imported("load_minutes", "--help", url=url, heavy=HEAVY + LOADER) == set()
    assert _imported("load_minutes", "--dry-run", str(minutes), url=url) == set()


def test_parse_workers_start_without_django(tmp_path: Path):
    """A parse worker imports the parse step only: not the settings, and with them Django's HTTP
    and model modules (~0.3 s of CPU a worker, 0.15 ms a document of a 2,000-file load)."""
    probe = "import json, sys, archive.pipeline.steps; print(json.dumps(sorted(sys.modules)))"
    env = environment(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    imported = set(json.loads(run.stdout))
    assert {"minutes_site.settings", "django.db.models", "django.http"} & imported == set()
