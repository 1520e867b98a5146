"""Releases of the whole archive (README, "API and releases"): every table as CSV with a
Frictionless ``datapackage.json``, the same tables as one SQLite file, a ZIP of the CSVs for a
single download, and ``manifest.json`` with the counts, the parser version and each file's SHA-256.

A release is built once (``manage.py build_release``, and after each ``load_minutes``), under
``settings.RELEASES_DIR/<name>/``, and its files are then served as they are. The name is the
build's date and a sequence number (``2026-12-07.1``); a release is never changed after it is
written (it is built in a hidden folder and renamed into place whole).

Building streams: each table is read in chunks (archive.columns' ``rows``, ``iterator``) and
each row written to the CSV and the SQLite file at once, so memory does not grow with the archive.
The columns and their meanings are archive.columns's: the datapackage describes them from there.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import columns
from .columns import SITE, Table, text
from .exports import data_dictionary
from .models import AgendaItem, Appointment, Division, Document, Meeting, Official, Participation, Post, Tenure
from .parsing import PARSER_VERSION
from .spreadsheets import escape_cell

NAME = re.compile(r"\d{4}-\d{2}-\d{2}\.\d{1,4}")
SQLITE_FILE = "minutes-archive.sqlite"
ZIP_FILE = "minutes-archive-csv.zip"
BATCH = 2000

# The Frictionless type of each column kind (lists are text in a CSV cell, joined with 、) and its
# SQLite type (lists are JSON arrays there: json_each reads them).
FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "date": "date", "list": "string"}
SQLITE_TYPES = {"string": "TEXT", "integer": "INTEGER", "date": "TEXT", "list": "TEXT"}


@dataclass(frozen=True)
class ReleaseTable:
    name: str  # the file's and the SQLite table's name
    table: Table
    rows: Callable  # every row, in key order
    key: str


def release_tables() -> list[ReleaseTable]:
    citations = Document.meetings.through.objects.order_by("meeting_id", "document_id")
    return [
        ReleaseTable("meetings", columns.MEETINGS, lambda: Meeting.objects.order_by("id"), "id"),
        ReleaseTable("participations", columns.PARTICIPATIONS, lambda: Participation.objects.order_by("id"), "id"),
        ReleaseTable("officials", columns.OFFICIALS, lambda: Official.objects.order_by("id"), "id"),
        ReleaseTable("agenda_items", columns.AGENDA_ITEMS, lambda: AgendaItem.objects.order_by("id"), "id"),
        ReleaseTable("documents", columns.DOCUMENTS, lambda: Document.objects.order_by("id"), "id"),
        ReleaseTable("citations", columns.CITATIONS, lambda: citations, ""),
        ReleaseTable("appointments", columns.APPOINTMENTS, lambda: Appointment.objects.order_by("id"), "id"),
        ReleaseTable("tenures", columns.TENURES, lambda: Tenure.objects.order_by("id"), "id"),
        ReleaseTable("posts", columns.POSTS, lambda: Post.objects.order_by("id"), "id"),
        ReleaseTable("divisions", columns.DIVISIONS, lambda: Division.objects.order_by("code"), "code"),
    ]


# Values as each file holds them -----------------------------------------------------------------


def sqlite_value(value, kind: str):
    if value is None:
        return None
    if kind == "list":
        return json.dumps(list(value), ensure_ascii=False)
    if kind == "date":
        return value.isoformat()
    return value


def sqlite_row(table: Table, row) -> tuple:
    return tuple(sqlite_value(column.get(row), column.kind) for column in table.columns)


def _cells(values: list) -> list:
    """The CSV row of these values: as archive.exports.csv_row writes it, each value read once."""
    return [escape_cell(text(value)) for value in values]


def _sqlite_create(connection, name: str, table: Table, key: str) -> str:
    quote = '"{}"'.format
    fields = ", ".join(
        f"{quote(c.header)} {SQLITE_TYPES[c.kind]}" + (" PRIMARY KEY" if c.header == key else "") for c in table.columns
    )
    connection.execute(f"CREATE TABLE {quote(name)} ({fields})")
    marks = ", ".join("?" for _ in table.columns)
    return f"INSERT INTO {quote(name)} VALUES ({marks})"


# The descriptor ---------------------------------------------------------------------------------


def datapackage(name: str, created: str, tables: list[ReleaseTable]) -> dict:
    """The Frictionless Data Package descriptor: each CSV, each column's type and meaning."""
    resources = []
    for release_table in tables:
        fields = [
            {"name": c.header, "type": FRICTIONLESS_TYPES[c.kind], "description": c.about}
            | ({"format": "default"} if c.kind == "date" else {})
            for c in release_table.table.columns
        ]
        schema = {"fields": fields, "missingValues": [""]}
        if release_table.key:
            schema["primaryKey"] = [release_table.key]
        resources.append(
            {
                "name": release_table.name,
                "path": f"{release_table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": release_table.table.about,
                "dialect": {"delimiter": ",", "header": True},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "minutes-archive",
        "title": "会议纪要档案",
        "version": name,
        "created": created,
        "description": "Chinese local-government meeting minutes: every table of the archive. Lists are joined "
        "with 、 in a CSV cell; a cell a spreadsheet would run as a formula starts with an apostrophe.",
        "resources": resources,
    }


# Building ---------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_table(folder: Path, connection, release_table: ReleaseTable) -> int:
    """One table to its CSV and its SQLite table, row by row; the number of rows."""
    table = release_table.table
    insert = _sqlite_create(connection, release_table.name, table, release_table.key)
    count, batch = 0, []
    with (folder / f"{release_table.name}.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.headers)
        kinds = [column.kind for column in table.columns]
        for values in table.value_rows(release_table.rows()):  # read once for both files
            writer.writerow(_cells(values))
            batch.append(tuple(map(sqlite_value, values, kinds)))
            count += 1
            if len(batch) == BATCH:
                connection.executemany(insert, batch)
                batch = []
        connection.executemany(insert, batch)
    return count


def _next_name(root: Path, today: datetime.date) -> str:
    taken = [int(p.name.rsplit(".", 1)[1]) for p in root.glob(f"{today.isoformat()}.*") if NAME.fullmatch(p.name)]
    return f"{today.isoformat()}.{max(taken, default=0) + 1}"


def build_release(root: Path | None = None, site: str | None = None) -> dict:
    """Write a new release; its manifest."""
    root = Path(root or settings.RELEASES_DIR)
    root.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    work = root / f".building-{os.getpid()}-{created.timestamp():.0f}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        tables = release_tables()
        counts = {}
        with SITE.using(settings.SITE_URL if site is None else site):
            connection = sqlite3.connect(work / SQLITE_FILE)
            try:
                for release_table in tables:
                    counts[release_table.name] = _write_table(work, connection, release_table)
                connection.commit()
            finally:
                connection.close()
            base = SITE.base or "/"
        name = _next_name(root, timezone.localdate(created))
        descriptor = datapackage(name, created.isoformat(), tables)
        (work / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
        readme = data_dictionary([(f"{t.name}.csv", t.table) for t in tables], base)
        (work / "README.txt").write_text(readme, encoding="utf-8")
        with zipfile.ZipFile(work / ZIP_FILE, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for member in ["README.txt", "datapackage.json", *(f"{t.name}.csv" for t in tables)]:
                bundle.write(work / member, member)
        files = sorted(p.name for p in work.iterdir())
        manifest = {
            "name": name,
            "created": created.isoformat(),
            "parser_version": PARSER_VERSION,
            "site": base,
            "counts": counts,
            "files": [{"name": f, "bytes": (work / f).stat().st_size, "sha256": sha256(work / f)} for f in files],
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        while True:  # another build may have taken the name meanwhile: take the next
            try:
                work.rename(root / name)
                break
            except OSError:
                if not (root / name).exists():
                    raise
                name = _next_name(root, timezone.localdate(created))
                manifest["name"] = name
                (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Reading what was built -------------------------------------------------------------------------


def _order(name: str) -> tuple:
    day, number = name.rsplit(".", 1)
    return day, int(number)


def releases(root: Path | None = None) -> list[dict]:
    """Every release's manifest, newest first."""
    root = Path(root or settings.RELEASES_DIR)
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        manifest = folder / "manifest.json"
        if NAME.fullmatch(folder.name) and manifest.is_file():
            found.append(json.loads(manifest.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: _order(m["name"]), reverse=True)


def release_file(name: str, file: str, root: Path | None = None) -> Path | None:
    """The stored file, if ``name`` is a release and ``file`` one its manifest lists (so no
    path from a URL ever reaches the file system unchecked)."""
    if not NAME.fullmatch(name):
        return None
    folder = Path(root or settings.RELEASES_DIR) / name
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    listed = {f["name"] for f in json.loads(manifest.read_text(encoding="utf-8"))["files"]} | {"manifest.json"}
    return folder / file if file in listed else None
