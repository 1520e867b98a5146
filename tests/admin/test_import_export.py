"""Export everything, import it into an empty archive, get the same records; twice changes nothing."""

import io

import openpyxl
import pytest
import tablib
from django.urls import reverse

from archive.admin.formats import CSV, JSON, XLSX
from archive.admin.resources import (
    AgendaItemResource,
    MeetingResource,
    OfficialResource,
    ParticipationResource,
    SourceDocumentResource,
)
from archive.models import (
    AgendaItem,
    Document,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    SearchEntry,
    SourceDocument,
)

pytestmark = pytest.mark.django_db

ORDER = [SourceDocumentResource, MeetingResource, OfficialResource, ParticipationResource, AgendaItemResource]


def snapshot():
    return {
        "sources": sorted(SourceDocument.objects.values_list("sha256", "raw_text", "text", "encoding", "script")),
        "meetings": sorted(
            Meeting.objects.values_list(
                "source__sha256",
                "year",
                "month",
                "day",
                "date",
                "part_of_day",
                "body",
                "session_number",
                "locality",
                "needs_review",
            )
        ),
        "officials": sorted(Official.objects.values_list("name", "locality", "disambiguation", "pinyin", "notes")),
        "aliases": sorted(OfficialAlias.objects.values_list("official__name", "name")),
        "participations": sorted(
            (
                p.meeting.source.sha256,
                p.name,
                p.role,
                p.official.name if p.official else None,
                tuple(p.titles),
                p.order,
                p.start,
                p.raw_end,
            )
            for p in Participation.objects.select_related("meeting__source", "official")
        ),
        "agenda": sorted(
            (a.meeting.source.sha256, a.order, a.title, a.kind, tuple(sorted(d.title for d in a.documents.all())))
            for a in AgendaItem.objects.select_related("meeting__source").prefetch_related("documents")
        ),
        "meeting_documents": sorted(
            Document.meetings.through.objects.values_list("meeting__source__sha256", "document__title")
        ),
    }


def export_all(fmt):
    return {resource: fmt().export_data(resource().export()) for resource in ORDER}


def wipe():
    for model in [Participation, AgendaItem, Document, SearchEntry, Meeting, SourceDocument, OfficialAlias, Official]:
        model.objects.all().delete()


def import_all(files, fmt):
    totals = {}
    for resource in ORDER:
        result = resource().import_data(fmt().create_dataset(files[resource]), dry_run=False, raise_errors=True)
        totals[resource.__name__] = dict(result.totals)
    return totals


@pytest.mark.parametrize("fmt", [CSV, XLSX, JSON], ids=["csv", "xlsx", "json"])
def test_round_trip_into_an_empty_archive_and_twice_is_a_no_op(archive_db, fmt):
    before = snapshot()
    files = export_all(fmt)
    wipe()
    assert Meeting.objects.count() == 0
    import_all(files, fmt)
    assert snapshot() == before
    assert Meeting.objects.matching("陈豪").count() == 1  # the search index followed
    again = import_all(files, fmt)
    assert all(t["new"] == 0 and t["update"] == 0 for t in again.values()), again
    assert snapshot() == before


def test_csv_is_utf8_with_bom_and_escapes_formulas(archive_db):
    Official.objects.create(name="=CMD()", notes="+1 @SUM(A1) -x")
    text = CSV().export_data(OfficialResource().export())
    assert text.startswith("\ufeff")
    assert "'=CMD()" in text and "'+1 @SUM(A1) -x" in text
    wipe_official = Official.objects.get(name="=CMD()")
    wipe_official.delete()
    OfficialResource().import_data(CSV().create_dataset(text), dry_run=False, raise_errors=True)
    assert Official.objects.get(name="=CMD()").notes == "+1 @SUM(A1) -x"


def test_xlsx_escapes_formulas(archive_db):
    Official.objects.create(name="@危险", notes="=1+1")
    book = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(OfficialResource().export())))
    values = {cell.value for row in book.active.iter_rows() for cell in row}
    assert "'@危险" in values and "'=1+1" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in values)


def test_a_bad_file_names_the_problem_and_applies_nothing(archive_db):
    rows = tablib.Dataset(headers=["source_sha256", "name", "role", "official", "order"])
    meeting = Meeting.objects.first()
    rows.append([meeting.source.sha256, "新人", "attendee", "", 99])
    rows.append(["0" * 64, "某某", "attendee", "", 1])
    before = Participation.objects.count()
    result = ParticipationResource().import_data(rows, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors() or result.has_errors()
    messages = " ".join(str(e.error) for _, errors in result.row_errors() for e in errors) + " ".join(
        str(err) for inv in result.invalid_rows for err in inv.error_dict.values()
    )
    assert "no meeting with key" in messages and "import the meetings first" in messages
    assert Participation.objects.count() == before


def test_viewer_cannot_import_or_change_but_can_export(viewer_client, archive_db):
    official = Official.objects.first()
    assert viewer_client.get(reverse("admin:archive_official_import")).status_code == 403
    assert viewer_client.get(reverse("admin:archive_official_export")).status_code == 200
    assert viewer_client.get(reverse("admin:archive_official_changelist")).status_code == 200
    response = viewer_client.post(reverse("admin:archive_official_change", args=[official.pk]), {"name": "改名"})
    assert response.status_code == 403
    assert Official.objects.get(pk=official.pk).name == official.name


def test_curator_can_import_and_change(curator_client, archive_db):
    assert curator_client.get(reverse("admin:archive_official_import")).status_code == 200
    assert curator_client.get(reverse("admin:archive_meeting_changelist")).status_code == 200


def test_anonymous_and_non_staff_never_reach_the_admin(client, django_user_model, archive_db):
    assert client.get(reverse("admin:archive_meeting_changelist")).status_code == 302
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get(reverse("admin:archive_meeting_changelist")).status_code == 302


def test_an_import_that_corrects_participations_records_before_and_after(archive_db):
    dataset = ParticipationResource().export()
    name_column = dataset.headers.index("name")
    titles_column = dataset.headers.index("titles")
    for index, row in enumerate(list(dataset)):
        if row[name_column] == "顾华锋":
            row = list(row)
            row[titles_column] = '["区财政局党组书记", "局长"]'
            dataset[index] = row
    result = ParticipationResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["update"] == 1 and result.totals["skip"] == len(dataset) - 1
    gu = Participation.objects.get(name="顾华锋")
    assert gu.titles == ["区财政局党组书记", "局长"]
    history = list(gu.history.order_by("history_id"))
    assert [h.titles for h in history] == [["区财政局局长"], ["区财政局党组书记", "局长"]]
