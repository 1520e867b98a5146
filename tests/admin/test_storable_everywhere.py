"""Re-parse and the admin's import go through the loader's one check (archive.records.storable):
what PostgreSQL refuses (over-long, NUL, a lone surrogate) or a name with characters that show
nothing is refused on SQLite too, naming the row and field (issue 18, item 11)."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from archive.admin.formats import CSV
from archive.admin.resources import AgendaItemResource, OfficialResource, ParticipationResource
from archive.models import Meeting, Official, Participation, SourceDocument
from archive.pipeline.reparse import reparse_paths, reparse_source
from archive.records.storable import Unstorable

pytestmark = pytest.mark.django_db

MINUTES = "2022年5月9日，区长孟某主持召开区政府常务会议。副区长欧阳某出席。审议《规则九》。"
TOO_LONG = "新" * 60 + "区"  # over Meeting.locality's 50


@pytest.fixture
def meeting(load_text):
    return load_text(MINUTES, "s1.txt")


def test_a_reparse_that_would_store_an_over_long_locality_is_refused(meeting):
    """Fails before: SQLite stored the 61-character locality (PostgreSQL refused it)."""
    source = meeting.source
    with pytest.raises(Unstorable, match="locality"):
        reparse_source(source, locality=TOO_LONG)
    meeting.refresh_from_db()
    source.refresh_from_db()
    assert meeting.locality == "柯桥区" and source.locality_option == "柯桥区"  # nothing written


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL cannot hold the over-long stored option this re-parse refuses"
)
def test_the_reparse_action_says_why_and_goes_on(admin_client, meeting, load_text):
    other = load_text(MINUTES.replace("9日", "10日"), "s2.txt")
    SourceDocument.objects.filter(pk=meeting.source_id).update(locality_option=TOO_LONG)
    response = admin_client.post(
        reverse("admin:archive_sourcedocument_changelist"),
        {"action": "reparse", "_selected_action": [meeting.source_id, other.source_id]},
        follow=True,
    )
    notes = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert any(level == "error" and "s1.txt" in text and "locality" in text for level, text in notes), notes
    assert any(level == "success" for level, _ in notes)
    assert Meeting.objects.get(pk=meeting.pk).locality == "柯桥区"


def test_load_minutes_reparse_reports_the_file_and_goes_on(meeting, tmp_path):
    path = tmp_path / "s1.txt"
    path.write_text(MINUTES, encoding="utf-8")
    [done] = reparse_paths([path], locality=TOO_LONG)
    assert "locality" in done.error and not done.results


def rows_of(resource, meeting, change):
    dataset = resource().export(queryset=resource._meta.model.objects.filter(meeting=meeting))
    rows = [dict(zip(dataset.headers, row, strict=True)) for row in dataset]
    changed = [{**rows[0], **change}]
    return tablib.Dataset(*[list(r.values()) for r in changed], headers=list(changed[0]))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "欧阳" + "长" * 30}, "name"),  # over Participation.name's 20
        ({"name": "欧阳\u200b某"}, "name"),  # a zero-width space: another person than 欧阳某
        ({"name": "\u202e某阳欧"}, "name"),  # a bidi override shows the name backwards
        ({"name_as_written": "欧阳\x00某"}, "name_as_written"),  # NUL: PostgreSQL refuses it
        ({"titles": '["副区长\\u0000"]'}, "titles"),  # in a list too
    ],
)
def test_an_imported_participation_postgresql_would_refuse_is_a_bad_row(meeting, change, field):
    """Fails before: each was imported on SQLite (PostgreSQL refused the whole import, or stored
    a name that shows as another)."""
    before = sorted(Participation.objects.values_list("name", "name_as_written"))
    result = ParticipationResource().import_data(rows_of(ParticipationResource, meeting, change), dry_run=False)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert field in invalid.error_dict, invalid.error_dict
    assert sorted(Participation.objects.values_list("name", "name_as_written")) == before


def test_an_imported_official_name_with_a_zero_width_space_is_a_bad_row(meeting):
    official = Official.objects.filter(name="欧阳某").first() or Official.objects.create(
        name="欧阳某", locality="柯桥区"
    )
    dataset = OfficialResource().export(queryset=Official.objects.filter(pk=official.pk))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = [*{**row, "name": "欧阳\u200c某"}.values()]
    result = OfficialResource().import_data(dataset)
    assert result.has_validation_errors() and "name" in result.invalid_rows[0].error_dict
    assert not Official.objects.filter(name__contains="\u200c").exists()


def test_the_preview_names_the_row_and_field_in_chinese(admin_client, meeting):
    dataset = rows_of(AgendaItemResource, meeting, {"title": "办法\x00"})
    upload = SimpleUploadedFile("agenda.csv", CSV().export_data(dataset).encode("utf-8"), content_type="text/csv")
    response = admin_client.post(
        reverse("admin:archive_agendaitem_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 1 and "标题" in invalid.field_specific_errors
    assert "U+0000" in str(invalid.field_specific_errors["标题"])
