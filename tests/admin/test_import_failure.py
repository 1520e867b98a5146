"""Issue 18.10: an import whose changes were rolled back does not say it succeeded; titles that
are not text are refused at the preview."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive import search
from archive.admin.formats import CSV
from archive.admin.resources import ParticipationResource
from archive.models import Participation

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:archive_participation_import")
CONFIRM = reverse("admin:archive_participation_process_import")
MINUTES = "2022年3月6日，县长林海主持召开县政府常务会议。出席：周明、吴芳。\n一、研究道路养护工作\n会议听取了汇报。\n"


def _file(titles: str) -> bytes:
    dataset = ParticipationResource().export(queryset=Participation.objects.filter(name="林海"))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = [*{**row, "titles": titles}.values()]
    return CSV().export_data(dataset).encode("utf-8")


def _preview(client, content: bytes):
    file = SimpleUploadedFile("participations.csv", content, content_type="text/csv")
    return client.post(IMPORT, {"format": "0", "resource": "0", "import_file": file})


def test_titles_that_are_not_text_are_refused_at_the_preview(curator_client, load_text):
    load_text(MINUTES)
    response = _preview(curator_client, _file('[1, {"a": 1}, null]'))
    assert response.status_code == 200 and "confirm_form" not in response.context
    assert Participation.objects.get(name="林海").titles == ["县长"]


def test_a_rolled_back_import_says_so(curator_client, load_text, monkeypatch):
    load_text(MINUTES)
    preview = _preview(curator_client, _file('["县长助理"]'))
    confirm = preview.context["confirm_form"].initial

    def fail(ids):
        raise RuntimeError("the search index refused")

    monkeypatch.setattr(search, "reindex_meetings", fail)
    response = curator_client.post(CONFIRM, confirm)
    said = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert not [text for level, text in said if level == "success"], said
    assert [text for level, text in said if level == "error"]
    assert Participation.objects.get(name="林海").titles == ["县长"]
