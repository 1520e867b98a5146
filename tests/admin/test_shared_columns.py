"""The exported columns come from one definition per model (archive.columns), shared by the public
downloads and the admin's resources, with one formula-escaping rule applied once to both."""

import csv
import io
import json

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from archive import columns, exports, releases, views
from archive.admin.formats import CSV, JSON, XLSX
from archive.admin.resources import AgendaItemResource, MeetingResource, OfficialResource, ParticipationResource
from archive.columns import Column, Table
from archive.models import AgendaItem, Meeting, Official, Participation

pytestmark = pytest.mark.django_db

MINUTES = "2021年1月{day}日，区长王某主持召开区政府常务会议。副区长{deputy}出席。审议《办法{day}》。"
GIVEN = "明亮刚强伟华军平勇杰涛斌超波辉峰磊鹏飞宇浩凯龙洋"


def minutes(day: int) -> str:
    return MINUTES.format(day=day, deputy=f"李{GIVEN[day - 1]}")


# (the public list's view, its URL, the admin's resource)
SHARED = [
    (views.MeetingListView, "/meetings/", MeetingResource),
    (views.OfficialListView, "/officials/", OfficialResource),
    (views.AgendaItemListView, "/agenda-items/", AgendaItemResource),
]


def public_csv(client, url) -> list[dict]:
    body = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def admin_csv(dataset) -> list[dict]:
    return list(csv.DictReader(io.StringIO(CSV().export_data(dataset).lstrip("\ufeff"))))


def in_order(headers, among):
    return [h for h in among if h in headers]


@pytest.mark.parametrize(("view", "url", "resource"), SHARED, ids=lambda x: getattr(x, "__name__", x))
def test_the_public_list_and_the_admin_export_share_one_definition(client, load_text, view, url, resource):
    load_text(minutes(4))
    assert resource.table is view.export_table
    table = view.export_table
    public = public_csv(client, url)
    assert list(public[0]) == table.headers
    admin = resource().export()
    # Every column; the import keys first, the others in the definition's order.
    keys = [resource.fields[name].column_name for name in resource._meta.import_id_fields]
    assert admin.headers[: len(keys)] == keys and set(table.headers) <= set(admin.headers)
    assert in_order(table.headers, admin.headers[len(keys) :]) == [h for h in table.headers if h not in keys]
    # Columns only a curator needs (keys to import by, notes) are the resource's own, beside them.
    assert set(admin.headers) - set(table.headers) <= {f.column_name for f in resource().get_import_fields()}


def test_the_release_uses_the_same_definitions(client, load_text):
    load_text(minutes(4))
    tables = {f"{t.name}.csv": t.table for t in releases.release_tables()}
    assert tables["meetings.csv"] is MeetingResource.table
    assert tables["participations.csv"] is ParticipationResource.table
    assert tables["officials.csv"] is OfficialResource.table
    assert tables["agenda_items.csv"] is AgendaItemResource.table
    readme = exports.data_dictionary(list(tables.items()), "/")
    for table in tables.values():
        for column in table.columns:
            assert f"  {column.header} " in readme and column.about in readme


def test_a_column_added_to_the_definition_shows_in_the_public_csv_and_the_admin_export(client, load_text):
    meeting = load_text(minutes(4))
    extra = Column("checked", lambda m: f"checked {m.id}", "a column added once")
    extended = Table(columns.MEETINGS.about, (*columns.MEETINGS.columns, extra), columns.MEETINGS.fetch)

    class Resource(MeetingResource):  # MeetingResource, were the column in MEETINGS
        table = extended

    admin = admin_csv(Resource().export())
    assert admin[0]["checked"] == f"checked {meeting.id}"
    response = exports.export_response(extended, Meeting.objects.all(), "meetings", "csv")
    public = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert public[0]["checked"] == f"checked {meeting.id}"
    assert "checked" not in {f.column_name for f in Resource().get_import_fields()}  # exported only


def test_the_shared_columns_hold_the_same_values_in_both(client, load_text):
    meeting = load_text(minutes(4), locality="柯桥区")
    meeting.source.url, meeting.source.site = "https://example.gov.cn/a.html", "柯桥区人民政府"
    meeting.source.save()
    (public,) = public_csv(client, "/meetings/")
    (admin,) = admin_csv(MeetingResource(site="http://testserver").export())
    for header in columns.MEETINGS.headers:
        if header != "documents":  # one title a line in the admin, which reads it back (titles contain 、)
            assert admin[header] == public[header], header
    assert public["documents"] == admin["documents"] == "办法4"
    assert public["source_url"] == "https://example.gov.cn/a.html" and public["chair"] == "王某"
    assert MeetingResource().export().dict[0]["url"] == f"/meetings/{meeting.id}/"  # relative without a site


# One formula-escaping rule, once -----------------------------------------------------------------

FORMULA, LOOKS_ESCAPED = "=1+1", "'=2"


def poisoned_meeting(load_text):
    meeting = load_text(minutes(4))
    Meeting.objects.filter(pk=meeting.pk).update(body=FORMULA, locality=LOOKS_ESCAPED)
    return meeting


def test_import_exports_own_escaping_is_off():
    assert settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is False


def test_a_formula_cell_is_escaped_exactly_once_in_the_public_csv_and_the_admin_files(client, load_text):
    poisoned_meeting(load_text)
    (public,) = public_csv(client, "/meetings/")
    assert (public["body"], public["locality"]) == ("'=1+1", "''=2")
    dataset = MeetingResource().export()
    (admin,) = admin_csv(dataset)
    assert (admin["body"], admin["locality"]) == ("'=1+1", "''=2")
    sheet = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(dataset))).active
    rows = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert (cells["body"], cells["locality"]) == ("'=1+1", "''=2")
    # JSON is not a spreadsheet: the values as they are, in both.
    (record,) = json.loads(b"".join(client.get("/meetings/", {"format": "json"}).streaming_content))
    (admin_record,) = json.loads(JSON().export_data(dataset))
    assert record["body"] == admin_record["body"] == FORMULA
    assert record["locality"] == admin_record["locality"] == LOOKS_ESCAPED


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
def test_escaped_cells_read_back_as_written(load_text, fmt):
    meeting = poisoned_meeting(load_text)
    exported = fmt().export_data(MeetingResource().export())
    # The locality stays: an import that changes it must name a division (a value read back
    # wrong would be a change, refused as no division).
    Meeting.objects.filter(pk=meeting.pk).update(body="改过")
    result = MeetingResource().import_data(fmt().create_dataset(exported), dry_run=False, raise_errors=True)
    assert result.totals["update"] == 1
    meeting.refresh_from_db()
    assert (meeting.body, meeting.locality) == (FORMULA, LOOKS_ESCAPED)


def test_columns_the_admin_only_exports_are_ignored_by_an_import(load_text):
    meeting = load_text(minutes(4))
    dataset = MeetingResource().export()
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    dataset[0] = [*{**row, "url": "/elsewhere/", "chair": "别人", "date": "1999-01-01"}.values()]
    result = MeetingResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["skip"] == 1 and result.totals["update"] == 0
    assert Meeting.objects.get(pk=meeting.pk).date.year == 2021


# Queries do not grow with rows ------------------------------------------------------------------


def grow(load_text, start, stop):
    for day in range(start, stop):
        load_text(minutes(day), f"m{day}.txt")


@pytest.mark.parametrize(
    ("resource", "model"),
    [(MeetingResource, Meeting), (OfficialResource, Official), (ParticipationResource, Participation),
     (AgendaItemResource, AgendaItem)],
    ids=lambda x: x.__name__,
)  # fmt: skip
def test_admin_exports_of_a_list_queryset_do_not_grow_with_rows(
    load_text, django_assert_max_num_queries, resource, model
):
    """The admin hands the resource its list's queryset, without the resource's prefetches."""
    grow(load_text, 1, 4)
    with django_assert_max_num_queries(10) as few:
        resource().export(queryset=model.objects.all())
    grow(load_text, 4, 25)
    with django_assert_max_num_queries(len(few)):
        assert len(resource().export(queryset=model.objects.all())) > 20


@pytest.mark.parametrize("url", ["/meetings/", "/officials/", "/agenda-items/", "/documents/"])
def test_public_exports_do_not_grow_with_rows(client, load_text, django_assert_max_num_queries, url):
    grow(load_text, 1, 4)
    with django_assert_max_num_queries(12) as few:
        public_csv(client, url)
    grow(load_text, 4, 25)
    with django_assert_max_num_queries(len(few)):
        assert len(public_csv(client, url)) > 20


def test_the_admin_export_page_writes_the_shared_columns(admin_client, load_text):
    grow(load_text, 1, 4)
    fields = {f"meetingresource_{name}": "on" for name in MeetingResource().get_export_order()}
    response = admin_client.post(reverse("admin:archive_meeting_export"), {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200, response.content[:500]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    label = MeetingResource(labelled=True).label  # the admin's files name columns by their labels
    assert len(rows) == 3 and list(rows[0])[: 1 + len(columns.MEETINGS.headers)] == [
        label("source_sha256"),
        *map(label, columns.MEETINGS.headers),
    ]
    assert rows[0][label("chair")] == "王某" and rows[0][label("url")].endswith(f"/meetings/{rows[0][label('id')]}/")
