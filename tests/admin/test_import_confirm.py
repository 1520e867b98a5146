"""The confirm step of an import: forged fields are a clear error, never a 500 or a file touched."""

import tempfile
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.admin.formats import CSV
from archive.admin.resources import OfficialResource
from archive.models import Official

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:archive_official_import")
CONFIRM = reverse("admin:archive_official_process_import")


def upload(client, content: str):
    """The preview step; returns the confirmation form's initial data."""
    file = SimpleUploadedFile("officials.csv", content.encode("utf-8"), content_type="text/csv")
    response = client.post(IMPORT, {"format": "0", "resource": "0", "import_file": file})
    assert response.status_code == 200
    return response.context["confirm_form"].initial


def test_the_preview_and_confirm_still_import(curator_client, archive_db):
    official = Official.objects.order_by("pk").first()
    dataset = OfficialResource().export(queryset=Official.objects.filter(pk=official.pk))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = [*{**row, "notes": "改正后的备注"}.values()]
    confirm = upload(curator_client, CSV().export_data(dataset))
    response = curator_client.post(CONFIRM, confirm)
    assert response.status_code == 302
    assert Official.objects.get(pk=official.pk).notes == "改正后的备注"
    assert curator_client.post(CONFIRM, confirm).status_code == 302  # the same file again: said, not a 500


@pytest.mark.parametrize(
    "forged",
    [
        {"import_file_name": "../../etc/passwd"},
        {"import_file_name": "/etc/passwd"},
        {"import_file_name": "no-such-file"},
        {"import_file_name": "0123456789abcdef0123456789abcdef"},
        {"import_file_name": ""},
        {"format": "99"},
        {"format": "abc"},
        {"resource": "7"},
    ],
)
def test_forged_confirmations_go_back_to_the_import_page_saying_why(curator_client, archive_db, forged):
    confirm = upload(curator_client, CSV().export_data(OfficialResource().export()))
    response = curator_client.post(CONFIRM, {**confirm, **forged})
    assert response.status_code == 302 and response.url == IMPORT
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_a_forged_name_never_reads_or_deletes_a_temporary_file(curator_client, archive_db):
    victim = Path(tempfile.gettempdir()) / "someone-elses-file.csv"
    victim.write_text("name,locality,disambiguation\n某某,,\n", encoding="utf-8")
    try:
        data = {"import_file_name": victim.name, "original_file_name": "x.csv", "format": "0", "resource": ""}
        assert curator_client.post(CONFIRM, data).status_code == 302
        assert victim.exists() and not Official.objects.filter(name="某某").exists()
    finally:
        victim.unlink(missing_ok=True)
