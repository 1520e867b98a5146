"""Issue 18.7: an import file's rows and cells are limited before they are all read, and the page
says so (a 9 KB XLSX of 20,000 junk rows took 13 s to preview, 850 KB ran out of memory)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from archive.admin import formats

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:archive_official_import")


def _xlsx(rows: int, columns: int = 4) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["name", "locality", "disambiguation", "division"][:columns] + [f"c{i}" for i in range(columns - 4)])
    for n in range(rows):
        sheet.append([f"某{n}", "", "", ""] + ["x"] * (columns - 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, content: bytes, fmt: str):
    file = SimpleUploadedFile("officials." + ("xlsx" if fmt == "1" else "csv"), content)
    return client.post(IMPORT, {"format": fmt, "resource": "0", "import_file": file})


@override_settings(IMPORT_MAX_ROWS=50)
def test_too_many_rows_are_refused_before_reading_them_all(curator_client, monkeypatch):
    read = []
    original = formats._cells

    def counting(row):
        read.append(row)
        return original(row)

    monkeypatch.setattr(formats, "_cells", counting)
    response = _upload(curator_client, _xlsx(500), "1")
    errors = str(response.context["form"].errors)
    assert "50" in errors and "confirm_form" not in response.context
    assert len(read) <= 52  # stopped at the limit, not after reading 500 rows


@override_settings(IMPORT_MAX_CELLS=200)
def test_too_many_cells_are_refused(curator_client):
    response = _upload(curator_client, _xlsx(10, columns=40), "1")
    assert "200" in str(response.context["form"].errors)


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_csv_with_too_many_rows_is_refused_too(curator_client):
    text = "name,locality,disambiguation,division\n" + "".join(f"某{n},,,\n" for n in range(500))
    response = _upload(curator_client, text.encode("utf-8"), "0")
    assert "50" in str(response.context["form"].errors)


def test_a_file_within_the_limits_is_previewed(curator_client):
    response = _upload(curator_client, _xlsx(5), "1")
    assert "confirm_form" in response.context
