"""A source's provenance (archive.intake) in the admin's source export and import: exported in
full; where it was published comes with a new source; nothing changes a stored one."""

import datetime
import hashlib
import io

import openpyxl
import pytest
import tablib

from archive.admin.formats import CSV, JSON, XLSX
from archive.admin.resources import SourceDocumentResource
from archive.columns import SOURCES
from archive.models import Meeting, OriginalFile, SearchEntry, SourceDocument

pytestmark = pytest.mark.django_db

MINUTES = "2023年3月13日，区长王建国主持召开区政府常务会议。副区长李明出席。会议审议《区级办法》。"

WHERE_PUBLISHED = {
    "url": "http://www.kq.example.gov.cn/art/2023/3/13/art_1_42.html",
    "title": "区政府第42次常务会议",
    "site": "绍兴市柯桥区人民政府",
    "published": datetime.date(2023, 3, 13),
    "column": "政府常务会议",
    "content_source": "区政府办公室",
}
WHAT_THE_LOAD_DECIDED = {
    "format": "html",
    "site_locality": "柯桥区",
    "locality_map_option": "越城区",
    "locality_rule": "site",
}


@pytest.fixture
def source(load_text):
    meeting = load_text(MINUTES)
    SourceDocument.objects.filter(pk=meeting.source_id).update(**WHERE_PUBLISHED, **WHAT_THE_LOAD_DECIDED)
    return SourceDocument.objects.get(pk=meeting.source_id)


def exported_row(**kwargs) -> dict:
    return SourceDocumentResource().export(**kwargs).dict[0]


def test_the_export_carries_every_provenance_field(source):
    row = exported_row()
    assert row["sha256"] == source.sha256
    assert {name: row[name] for name in WHERE_PUBLISHED} == {**WHERE_PUBLISHED, "published": "2023-03-13"}
    assert {name: row[name] for name in WHAT_THE_LOAD_DECIDED} == WHAT_THE_LOAD_DECIDED
    # format, url, title, site and published are the columns meetings export as source_*: one definition.
    headers = SourceDocumentResource().export().headers
    assert headers[: 1 + len(SOURCES.headers)] == ["sha256", *SOURCES.headers]


def test_only_where_it_was_published_is_imported():
    imported = {f.column_name for f in SourceDocumentResource().get_import_fields() if not f.readonly}
    assert set(WHERE_PUBLISHED) <= imported
    assert not set(WHAT_THE_LOAD_DECIDED) & imported


def wipe():
    for model in [SearchEntry, Meeting, SourceDocument, OriginalFile]:
        model.objects.all().delete()


@pytest.mark.parametrize("fmt", [CSV, XLSX, JSON], ids=["csv", "xlsx", "json"])
def test_a_new_source_keeps_where_it_was_published_and_twice_changes_nothing(source, fmt):
    # The admin asks binary formats for native values: the date is a date cell in XLSX.
    exported = fmt().export_data(SourceDocumentResource().export(force_native_type=fmt is XLSX))
    wipe()
    result = SourceDocumentResource().import_data(fmt().create_dataset(exported), dry_run=False, raise_errors=True)
    assert result.totals["new"] == 1 and not result.has_validation_errors()
    loaded = SourceDocument.objects.get(sha256=source.sha256)
    assert {name: getattr(loaded, name) for name in WHERE_PUBLISHED} == WHERE_PUBLISHED
    # What the load decided is this load's: it read the text (a .txt), with no metadata or map.
    assert (loaded.format, loaded.site_locality, loaded.locality_map_option) == ("text", "", "")
    assert loaded.locality_rule != "site"
    again = SourceDocumentResource().import_data(fmt().create_dataset(exported), dry_run=False, raise_errors=True)
    assert again.totals["skip"] == 1 and again.totals["new"] == again.totals["update"] == 0


def test_a_stored_source_s_provenance_cannot_change(source):
    row = exported_row()
    dataset = tablib.Dataset(headers=list(row))
    dataset.append([*{**row, "url": "http://elsewhere.example/", "published": "2020-01-01"}.values()])
    result = SourceDocumentResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert set(invalid.error_dict) == {"url", "published"}
    assert "evidence" in str(invalid.error_dict["url"])
    assert SourceDocument.objects.get(pk=source.pk).url == WHERE_PUBLISHED["url"]


def test_what_the_load_decided_is_not_imported(source):
    row = exported_row()
    dataset = tablib.Dataset(headers=list(row))
    dataset.append([*{**row, "format": "pdf", "locality_rule": "option", "site_locality": "别处"}.values()])
    result = SourceDocumentResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["skip"] == 1 and not result.has_validation_errors()
    stored = SourceDocument.objects.get(pk=source.pk)
    assert (stored.format, stored.locality_rule, stored.site_locality) == ("html", "site", "柯桥区")


def test_a_row_that_contradicts_what_the_file_says_is_refused(db, monkeypatch):
    """Should a load find provenance in the bytes itself, a row saying otherwise is refused."""
    from archive.admin import resources

    real = resources.load_imported

    def load_reading_a_title(instance):
        loaded = real(instance)
        SourceDocument.objects.filter(pk=loaded.pk).update(title="文件自己的标题")
        loaded.title = "文件自己的标题"
        return loaded

    monkeypatch.setattr(resources, "load_imported", load_reading_a_title)
    data = MINUTES.encode()
    row = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "text_sha256": "0" * 64,
        "path": "/elsewhere/a.txt",
        "encoding": "utf-8",
        "script": "simplified",
        "raw_text": MINUTES,
        "text": "a text the parser never made",
        "parser_version": "0",
        "title": "别的标题",
        "site": "某网站",
    }
    dataset = tablib.Dataset(headers=list(row))
    dataset.append(list(row.values()))
    result = SourceDocumentResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert set(invalid.error_dict) == {"title"} and "文件自己的标题" in str(invalid.error_dict["title"])
    assert not SourceDocument.objects.exists()


def test_an_xlsx_date_cell_reads_back_as_the_day(source):
    exported = XLSX().export_data(SourceDocumentResource().export(force_native_type=True))
    rows = list(openpyxl.load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True))
    assert dict(zip(rows[0], rows[1], strict=True))["published"] == datetime.datetime(2023, 3, 13)
    result = SourceDocumentResource().import_data(XLSX().create_dataset(exported), dry_run=False, raise_errors=True)
    assert result.totals["skip"] == 1 and not result.has_validation_errors()
