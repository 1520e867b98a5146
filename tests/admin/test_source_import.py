"""Sources are evidence: an import adds a source only as load_minutes would, and changes none."""

import hashlib
import json

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.admin.formats import CSV
from archive.admin.resources import SourceDocumentResource
from archive.models import Meeting, SourceDocument

pytestmark = pytest.mark.django_db

MINUTES = "2021年3月5日，区长王建国主持召开区政府常务会议。副区长李明出席。会议审议《区级办法》。"


def source_row(raw_text: str, *, encoding="utf-8", sha256=None, path="/elsewhere/new.txt", **extra) -> dict:
    data = raw_text.encode(encoding)
    return {
        "sha256": sha256 or hashlib.sha256(data).hexdigest(),
        "text_sha256": "0" * 64,
        "path": path,
        "encoding": encoding,
        "script": "simplified",
        "raw_text": raw_text,
        "text": "a text the parser never made",
        "parser_version": "0",
        "warnings": "[]",
        "locality_option": "",
        "year_option": "",
        **extra,
    }


def import_rows(rows: list[dict]):
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    return SourceDocumentResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)


def errors_of(result) -> str:
    texts = [str(e.error) for _, errors in result.row_errors() for e in errors]
    texts += [f"{field}: {messages}" for row in result.invalid_rows for field, messages in row.error_dict.items()]
    return " ".join(texts)


def test_an_import_cannot_rewrite_a_stored_source(archive_db):
    dataset = SourceDocumentResource().export()
    stored = SourceDocument.objects.get(sha256=dataset[0][0])
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    result = import_rows([{**row, "raw_text": "伪造的原文"}])
    assert result.has_validation_errors()
    assert "raw_text" in errors_of(result) and "evidence" in errors_of(result)
    assert SourceDocument.objects.get(pk=stored.pk).raw_text == stored.raw_text


def test_a_new_source_is_loaded_with_its_meeting_as_load_minutes_would(db):
    result = import_rows([source_row(MINUTES, locality_option="柯桥区")])
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    source = SourceDocument.objects.get()
    assert source.path == "/elsewhere/new.txt" and source.raw_text == MINUTES
    assert source.text != "a text the parser never made"  # the parse is the current parser's, not the file's
    meeting = Meeting.objects.get(source=source)
    assert meeting.locality == "柯桥区" and meeting.participations.filter(name="王建国", role="chair").exists()
    assert Meeting.objects.matching("王建国").count() == 1


def test_a_source_in_another_encoding_comes_back_byte_for_byte(db):
    result = import_rows([source_row(MINUTES, encoding="gb18030")])
    assert not result.has_validation_errors(), errors_of(result)
    assert SourceDocument.objects.get().encoding == "gb18030"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (source_row(MINUTES, sha256="f" * 64), "does not give the file"),
        (source_row("这是一段普通的文字，没有会议。" * 3), "not meeting minutes"),
    ],
    ids=["text-does-not-match-digest", "not-minutes"],
)
def test_rows_a_load_would_refuse_are_refused_and_nothing_is_written(db, row, reason):
    result = import_rows([source_row(MINUTES, path="/ok.txt"), row])
    assert result.has_validation_errors()
    assert reason in errors_of(result)
    assert not SourceDocument.objects.exists() and not Meeting.objects.exists()


def test_the_admin_preview_names_the_refused_change(curator_client, archive_db):
    dataset = SourceDocumentResource().export()
    sha = dataset[0][0]
    raw_text_column = dataset.headers.index("raw_text")
    dataset[0] = [*dataset[0][:raw_text_column], "伪造", *dataset[0][raw_text_column + 1 :]]
    file = SimpleUploadedFile("sources.csv", CSV().export_data(dataset).encode("utf-8"))
    response = curator_client.post(
        reverse("admin:archive_sourcedocument_import"), {"format": "0", "resource": "0", "import_file": file}
    )
    assert response.status_code == 200 and "confirm_form" not in response.context
    assert "evidence" in response.content.decode()
    assert SourceDocument.objects.get(sha256=sha).raw_text != "伪造"


# Warnings: stored as values, a cell of 'kind: message' sentences --------------------------------

NO_YEAR = "3月4日，区长王某主持召开区政府常务会议。会议研究了防汛工作。"
YEAR_MISSING = "year-missing: the text gives no year; pass --year or set it in the admin"


def test_warnings_export_as_sentences_and_import_back_unchanged(load_text):
    source = load_text(NO_YEAR).source
    dataset = SourceDocumentResource().export()
    exported = CSV().create_dataset(CSV().export_data(dataset))
    row = dict(zip(exported.headers, exported[0], strict=True))
    assert json.loads(row["warnings"]) == [YEAR_MISSING]
    result = import_rows([row])
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    assert SourceDocument.objects.get(pk=source.pk).warnings == source.warnings


@pytest.mark.parametrize(
    "cell",
    [
        json.dumps([YEAR_MISSING], ensure_ascii=False),
        json.dumps([{"kind": "year-missing", "message": YEAR_MISSING.split(": ", 1)[1]}], ensure_ascii=False),
    ],
    ids=["sentences", "objects"],
)
def test_a_cell_of_either_form_is_the_stored_warnings(load_text, cell):
    source = load_text(NO_YEAR).source
    row = {**SourceDocumentResource().export().dict[0], "warnings": cell}
    result = import_rows([row])
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    assert SourceDocument.objects.get(pk=source.pk).warnings == source.warnings


def test_a_warning_of_no_known_kind_is_refused(db):
    result = import_rows([source_row(MINUTES, warnings='["year-missin: a typo"]')])
    assert result.has_validation_errors()
    assert "warnings" in errors_of(result)
    assert not SourceDocument.objects.exists()
