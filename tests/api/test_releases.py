"""Releases (archive/releases.py): what a release holds, that it loads back into an empty SQLite
equal to the archive's tables, and how the site lists and serves it."""

import csv
import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Meeting
from archive.releases import SQLITE_FILE, ZIP_FILE, build_release, release_tables, sqlite_value
from archive.spreadsheets import unescape_cell


@pytest.fixture
def release(places_archive, settings):
    return build_release(site="http://archive.example")


def folder(settings, manifest) -> Path:
    return Path(settings.RELEASES_DIR) / manifest["name"]


def archive_rows(release_table) -> list[tuple]:
    """The archive's table as the release should hold it: every column's value, per row."""
    from archive.columns import SITE

    table = release_table.table
    with SITE.using("http://archive.example"):
        return [
            tuple(sqlite_value(c.get(row), c.kind) for c in table.columns) for row in table.rows(release_table.rows())
        ]


def load_csv_into_sqlite(release_folder: Path) -> sqlite3.Connection:
    """What a user does with a release: read datapackage.json, make each table in an empty SQLite
    by its declared types, read each CSV into it."""
    package = json.loads((release_folder / "datapackage.json").read_text(encoding="utf-8"))
    connection = sqlite3.connect(":memory:")
    types = {"integer": "INTEGER", "string": "TEXT", "date": "TEXT"}
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        declared = ", ".join(f'"{f["name"]}" {types[f["type"]]}' for f in fields)
        connection.execute(f'CREATE TABLE "{resource["name"]}" ({declared})')
        with (release_folder / resource["path"]).open(encoding=resource["encoding"], newline="") as stream:
            reader = csv.reader(stream)
            assert next(reader) == [f["name"] for f in fields]
            for cells in reader:
                values = [None if cell == "" else unescape_cell(cell) for cell in cells]
                marks = ", ".join("?" for _ in fields)
                connection.execute(f'INSERT INTO "{resource["name"]}" VALUES ({marks})', values)
    return connection


def as_csv_text(value, kind):
    """A value as it reads back from a CSV cell: text, lists joined with 、 (JSON in SQLite)."""
    if value is None:
        return None
    if kind == "list":
        joined = "、".join(json.loads(value))
        return joined or None
    if kind == "integer":
        return value
    return str(value) or None


def test_a_release_loaded_into_an_empty_sqlite_equals_the_archives_tables(release, settings):
    here = folder(settings, release)
    from_csv = load_csv_into_sqlite(here)
    shipped = sqlite3.connect(here / SQLITE_FILE)
    for release_table in release_tables():
        expected = archive_rows(release_table)
        assert expected, release_table.name
        # The SQLite file: every value exact (lists as JSON arrays).
        assert shipped.execute(f'SELECT * FROM "{release_table.name}"').fetchall() == expected
        # The CSVs, read back by their datapackage types: every value as its cell's text.
        kinds = [c.kind for c in release_table.table.columns]
        as_text = [tuple(as_csv_text(v, k) for v, k in zip(row, kinds, strict=True)) for row in expected]
        assert from_csv.execute(f'SELECT * FROM "{release_table.name}"').fetchall() == as_text, release_table.name


def test_every_table_is_in_the_release_with_each_columns_meaning(release, settings):
    package = json.loads((folder(settings, release) / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert {"tenures", "appointments", "posts", "divisions", "meetings", "participations", "citations"} <= set(names)
    tenures = next(r for r in package["resources"] if r["name"] == "tenures")
    fields = {f["name"]: f for f in tenures["schema"]["fields"]}
    assert fields["first_date"]["type"] == "date" and fields["first_date"]["description"] == "first seen in the post"
    assert tenures["schema"]["primaryKey"] == ["id"]


def test_the_manifest_counts_every_table_and_hashes_every_file(release, settings):
    here = folder(settings, release)
    assert release["counts"]["meetings"] == Meeting.objects.count() == 6
    assert release["counts"]["appointments"] == 3 and release["parser_version"]
    names = {f["name"] for f in release["files"]}
    assert {SQLITE_FILE, ZIP_FILE, "datapackage.json", "README.txt", "meetings.csv", "tenures.csv"} <= names
    for file in release["files"]:
        content = (here / file["name"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == file["sha256"] and len(content) == file["bytes"]
    with zipfile.ZipFile(here / ZIP_FILE) as bundle:
        assert "datapackage.json" in bundle.namelist() and "divisions.csv" in bundle.namelist()


def test_each_release_has_its_own_name_and_none_changes(places_archive, settings):
    first = build_release()
    second = build_release()
    day = first["name"].rsplit(".", 1)[0]
    assert (first["name"], second["name"]) == (f"{day}.1", f"{day}.2")
    assert json.loads((folder(settings, first) / "manifest.json").read_text()) == first
    assert [p.name for p in Path(settings.RELEASES_DIR).iterdir()] != [] and not any(
        p.name.startswith(".building") for p in Path(settings.RELEASES_DIR).iterdir()
    )


def test_build_release_command_and_load_minutes_write_releases(places_archive, settings, tmp_path):
    out = io.StringIO()
    call_command("build_release", stdout=out)
    assert "release " in out.getvalue() and "meetings 6" in out.getvalue()
    path = tmp_path / "more.txt"
    path.write_text("2024年3月1日，区长陈东主持召开区政府常务会议。会议研究了春耕。", encoding="utf-8")
    call_command("load_minutes", str(path), "--locality", "柯桥区", stderr=io.StringIO(), stdout=io.StringIO())
    latest = json.loads(sorted(Path(settings.RELEASES_DIR).glob("*/manifest.json"))[-1].read_text())
    assert latest["counts"]["meetings"] == 7
    other = tmp_path / "other.txt"
    other.write_text("2024年3月8日，区长陈东主持召开区政府常务会议。会议研究了植树。", encoding="utf-8")
    call_command("load_minutes", str(other), "--no-release", stderr=io.StringIO(), stdout=io.StringIO())
    assert len(list(Path(settings.RELEASES_DIR).glob("*/manifest.json"))) == 2


# On the site -------------------------------------------------------------------------------------


def test_the_releases_page_lists_each_release_with_its_files(client, release):
    page = client.get("/releases/").content.decode()
    assert release["name"] in page and SQLITE_FILE in page
    for file in release["files"]:
        assert file["sha256"] in page


def test_a_release_file_is_the_stored_file_streamed(client, release, settings):
    response = client.get(f"/releases/{release['name']}/{SQLITE_FILE}")
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content)
    assert body == (folder(settings, release) / SQLITE_FILE).read_bytes()
    assert client.get(f"/releases/{release['name']}/manifest.json").status_code == 200


@pytest.mark.parametrize("path", ["2020-01-01.1/meetings.csv", "{name}/nothing.csv", "{name}/..%2Fmanifest.json"])
def test_no_other_file_is_served(client, release, path):
    assert client.get("/releases/" + path.format(name=release["name"])).status_code == 404


def test_the_archive_zip_is_the_latest_releases(client, places_archive, settings):
    assert client.get("/download/minutes-archive.zip").status_code == 404  # none built yet
    build_release()
    latest = build_release()
    response = client.get("/download/minutes-archive.zip")
    body = b"".join(response.streaming_content)
    assert body == (folder(settings, latest) / ZIP_FILE).read_bytes()
    assert latest["name"] in response["Content-Disposition"]


def test_the_release_page_with_none_built(client, db):
    assert client.get("/releases/").status_code == 200


def test_row_links_are_what_reverse_gives_under_any_script_prefix():
    from django.urls import reverse, set_script_prefix

    from archive.columns import SITE

    try:
        for prefix in ("/", "/archive/"):
            set_script_prefix(prefix)
            with SITE.using("http://example.org"):
                for name, args in [("archive:meeting_detail", (5,)), ("archive:official_career", (12,))]:
                    assert SITE.url(name, *args) == "http://example.org" + reverse(name, args=args)
                assert SITE.url("archive:body_detail", "-", "区政府常务会议").endswith(
                    reverse("archive:body_detail", args=["-", "区政府常务会议"])
                )
    finally:
        set_script_prefix("/")
