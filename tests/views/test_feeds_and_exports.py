"""Feeds carry text from minutes as plain text; every CSV cell of every export is formula-safe;
pages name a source by its file name, never the server's path."""

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from django.db.models import CharField, TextField, Value
from django.db.models.functions import Concat, Substr

from archive.admin.formats import CSV, XLSX
from archive.admin.resources import (
    AgendaItemResource,
    MeetingResource,
    OfficialResource,
    ParticipationResource,
    SourceDocumentResource,
)
from archive.models import AgendaItem, Document, Meeting, Official, OfficialAlias, Participation, SourceDocument
from archive.spreadsheets import FORMULA_STARTS
from archive.views import file_name

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ADMIN_RESOURCES = [SourceDocumentResource, MeetingResource, OfficialResource, ParticipationResource, AgendaItemResource]
MINUTES = "2021年1月4日，区长王建国主持召开区政府常务会议。副区长李明出席。审议《办法》。"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_feed_summaries_are_plain_text(client, load_text):
    meeting = load_text(MINUTES, locality="<b>柯桥区</b>")
    (entry,) = entries(client, "/feeds/meetings/")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type", "text") == "text"
    assert summary.text.splitlines()[0] == "<b>柯桥区</b>" == meeting.locality


def test_feeds_survive_control_characters_from_minutes(client, load_text):
    meeting = load_text(MINUTES)
    Meeting.objects.filter(pk=meeting.pk).update(body="区政府\x0c常务会议", locality="柯桥\x0b区")
    (entry,) = entries(client, "/feeds/meetings/")
    assert entry.find(f"{ATOM}summary").text.splitlines()[0] == "柯桥区"
    assert client.get("/feeds/bodies/330603/区政府\x0c常务会议/").status_code == 404  # not a body a link would name


# Exports ------------------------------------------------------------------------------------

PUBLIC_EXPORTS = ["/meetings/", "/officials/", "/agenda-items/", "/documents/"]
# Columns that hold no text: numbers, dates, booleans, JSON lists ("[...]"); all else is text.
NOT_TEXT = {
    "id", "meeting_id", "date", "meeting_date", "year", "month", "day", "session_number", "order",
    "start", "end", "raw_start", "raw_end", "curated", "needs_review", "titles", "warnings",
    "review_reasons", "locked_fields", "role", "year_option", "source_published",
    "url", "meeting_url", "meeting_count", "first_date", "last_date", "source_format", "division", "official_id",
    "published",
}  # fmt: skip


def poison_every_text_column():
    """Every text value of the archive now starts with '=' (same length, still unique)."""
    for model in [SourceDocument, Meeting, Official, OfficialAlias, Participation, AgendaItem, Document]:
        # The role stays: the chair column is found by it (and it is a code from a fixed list).
        texts = [
            f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField) and f.name != "role"
        ]
        model.objects.update(**{name: Concat(Value("="), Substr(name, 2)) for name in texts})


def csv_columns(text: str) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return {header: [row[i] for row in rows[1:]] for i, header in enumerate(rows[0])}


def assert_every_text_cell_escaped(columns: dict[str, list[str]], where: str):
    for header, cells in columns.items():
        assert cells, (where, header)
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)], (where, header)
        if header not in NOT_TEXT:
            texts = [c for c in cells if c]
            assert texts and all(c.startswith("'=") for c in texts), (where, header, cells[:3])


def test_every_public_csv_column_is_escaped(client, load_text):
    load_text(MINUTES, locality="柯桥区")
    poison_every_text_column()
    for url in PUBLIC_EXPORTS:
        response = client.get(url, {"format": "csv"})
        assert_every_text_cell_escaped(csv_columns(b"".join(response.streaming_content).decode()), url)


@pytest.mark.parametrize("resource", ADMIN_RESOURCES, ids=lambda r: r.__name__)
def test_every_admin_csv_and_xlsx_column_is_escaped(load_text, resource):
    load_text(MINUTES, locality="柯桥区")
    OfficialAlias.objects.create(official=Official.objects.first(), name="李明明")
    poison_every_text_column()
    dataset = resource().export()
    assert_every_text_cell_escaped(csv_columns(CSV().export_data(dataset)), resource.__name__)
    sheet = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(dataset))).active
    rows = [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()]
    assert_every_text_cell_escaped({h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}, resource.__name__)


# Source paths -------------------------------------------------------------------------------


def test_pages_name_the_source_file_not_the_server_path(client, load_text):
    meeting = load_text(MINUTES, name="柯桥区政府常务会议.txt")
    folder = str(Path(meeting.source.path).parent)
    for url in [f"/meetings/{meeting.id}/", f"/meetings/{meeting.id}/?text=original", "/meetings/", "/"]:
        page = client.get(url).content.decode()
        assert folder not in page, url
    assert "柯桥区政府常务会议.txt" in client.get(f"/meetings/{meeting.id}/").content.decode()


@pytest.mark.parametrize(
    ("path", "name"), [("/srv/minutes/2021/a.txt", "a.txt"), ("C:\\\\data\\\\b.txt", "b.txt"), ("c.txt", "c.txt")]
)
def test_file_name_of_any_stored_path(path, name):
    assert file_name(path) == name
