"""What a curator reads on the admin's import, export and history pages is Chinese, values by their
labels (issue 18, newcomer 3): field lists, preview and file headers by label, an exported file
imports again, history diffs and the re-parse message without Python values."""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from archive.admin.resources import (
    AgendaItemResource,
    AppointmentResource,
    MeetingResource,
    OfficialResource,
    ParticipationResource,
    SourceDocumentResource,
)
from archive.models import Meeting, Participation, SourceDocument

pytestmark = pytest.mark.django_db

RESOURCES = [
    SourceDocumentResource,
    MeetingResource,
    OfficialResource,
    ParticipationResource,
    AgendaItemResource,
    AppointmentResource,
]
MINUTES = (
    "2021年3月{day}日上午，区长孟某主持召开区政府常务会议。副区长欧阳某出席，区审计局局长车某列席。审议《细则{day}》。"
)
# A header as import-export writes it when nobody labels it: a machine name, or its title-case form.
MACHINE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+\b")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def text_of(response) -> str:
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", page)  # attributes (names, ids, classes) are not read
    return re.sub(r"\s+", " ", html.unescape(visible).replace("\xa0", " "))


@pytest.fixture
def meetings(load_text):
    return [load_text(MINUTES.format(day=day), f"m{day}.txt") for day in (1, 2)]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.__name__)
def test_every_header_has_a_chinese_label_and_labels_read_back(resource):
    """Fails before: the admin wrote headers by their machine names (source_sha256)."""
    labelled = resource(labelled=True)
    headers = resource().get_export_headers()
    labels = labelled.get_export_headers()
    assert all(CHINESE.search(label) for label in labels), [
        h for h, lb in zip(headers, labels, strict=True) if not CHINESE.search(lb)
    ]
    assert len(set(labels)) == len(labels), "two columns of one file share a label"
    by_label = labelled.headers_by_label()
    assert [by_label[label] for label in labels] == headers
    with translation.override("en"):  # a file written in English reads back the same
        english = labelled.get_export_headers()
    assert len(set(english)) == len(english) and [by_label[label] for label in english] == headers


@pytest.mark.parametrize("model", ["meeting", "participation", "official", "sourcedocument"])
def test_import_and_export_pages_list_fields_by_label(admin_client, meetings, model):
    """Fails before: 'This importer will import the following fields: source_sha256, year, …' and
    export checkboxes 'Part Of Day'."""
    for page in ("import", "export"):
        text = text_of(admin_client.get(reverse(f"admin:archive_{model}_{page}")))
        assert not MACHINE.findall(text), (page, MACHINE.findall(text)[:5])
    if model == "meeting":
        assert "来源文件 SHA-256" in text and "时段" in text


def admin_export(client, model: str, resource, fmt: str) -> bytes:
    formats = {"csv": "0", "xlsx": "1", "json": "2"}
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    response = client.post(
        reverse(f"admin:archive_{model}_export"), {"format": formats[fmt], "resource": "0", **fields}
    )
    assert response.status_code == 200, response.content[:300]
    return response.content


def test_admin_files_have_chinese_headers_and_import_again(admin_client, meetings):
    """Fails before: XLSX and CSV headers were source_sha256, part_of_day …"""
    sheet = openpyxl.load_workbook(io.BytesIO(admin_export(admin_client, "meeting", MeetingResource, "xlsx"))).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    assert header[:3] == ["来源文件 SHA-256", "编号", "网站页面"] and "时段" in header and "part_of_day" not in header
    body = admin_export(admin_client, "meeting", MeetingResource, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["时段"] == "上午"  # values stay what an import reads: the file round-trips

    # The file as exported imports again through the admin: nothing to change, no bad row.
    Meeting.objects.filter(pk=meetings[0].pk).update(body="改错的名称")
    upload = SimpleUploadedFile("meetings.csv", body.encode("utf-8-sig"), content_type="text/csv")
    response = admin_client.post(
        reverse("admin:archive_meeting_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), text_of(response)[:800]
    assert [row.import_type for row in result.valid_rows()].count("update") == 1
    assert "来源文件 SHA-256" in result.diff_headers and "source_sha256" not in result.diff_headers
    preview = text_of(response)
    assert "上午" in preview and "否" in preview  # part of day and needs-review by label
    assert not MACHINE.findall(preview), MACHINE.findall(preview)[:5]
    confirm = response.context["confirm_form"].initial
    admin_client.post(reverse("admin:archive_meeting_process_import"), confirm)
    assert Meeting.objects.get(pk=meetings[0].pk).body == "区政府常务会议"


def test_a_bad_row_is_named_by_its_label_in_the_preview(admin_client, meetings):
    body = admin_export(admin_client, "meeting", MeetingResource, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    rows[1][rows[0].index("月")] = "13"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    upload = SimpleUploadedFile("meetings.csv", out.getvalue().encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("admin:archive_meeting_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    invalid = response.context["result"].invalid_rows
    assert invalid and all(not MACHINE.fullmatch(key) for row in invalid for key in row.field_specific_errors)


def test_history_reads_values_by_their_labels(admin_client, meetings):
    """Fails before: 角色: attendee → observer, 已整理: False → True, 行政区划: Deleted 行政区划 (pk=None),
    修改原因: None."""
    meeting = meetings[0]
    row = meeting.participations.get(name="车某")
    data = {
        "meeting": meeting.pk,
        "name": row.name,
        "role": "attendee",
        "titles": "、".join(row.titles),
        "order": row.order,
        "curated": "on",
    }
    response = admin_client.post(reverse("admin:archive_participation_change", args=[row.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    text = text_of(admin_client.get(reverse("admin:archive_participation_history", args=[row.pk])))
    assert "角色: 列席 → 出席" in text and "已整理: 否 → 是" in text, text[-800:]
    for python in ("None", "False", "True", "pk=", "attendee", "observer"):
        assert python not in text, python

    division = meeting.division
    assert division is not None
    meeting.division, meeting.session_number = None, None
    meeting.save()  # a history record each save: a division and a number from nothing
    meeting.division, meeting.session_number, meeting.locked_fields = division, 3, ["division"]
    meeting.save()
    text = text_of(admin_client.get(reverse("admin:archive_meeting_history", args=[meeting.pk])))
    for python in ("None", "False", "True", "pk=", "Deleted", "['", "{'"):
        assert python not in text, (python, text[-1500:])


def test_the_reparse_message_shows_no_python_values(admin_client, meetings):
    """Fails before: 'year: None → 2021', lists as ['…'] in the message."""
    source = SourceDocument.objects.get(meeting=meetings[0])
    Meeting.objects.filter(pk=meetings[0].pk).update(year=None, part_of_day="", session_number=None)
    Participation.objects.filter(meeting=meetings[0], name="车某").update(role="attendee")
    response = admin_client.post(
        reverse("admin:archive_sourcedocument_changelist"),
        {"action": "reparse", "_selected_action": [source.id]},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "2021" in text and "上午" in text, text
    for python in ("None", "[", "{", "'", "morning"):
        assert python not in text, (python, text)


def test_the_participations_preview_shows_their_values_by_label(admin_client, meetings):
    """Fails before: the preview (no diff, for speed) showed the headers over empty rows, and a
    role would have read as its code."""
    body = admin_export(admin_client, "participation", ParticipationResource, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header = rows[0]
    observer = next(r for r in rows[1:] if r[header.index("姓名")] == "车某")
    observer[header.index("职务")] = '["区审计局副局长"]'
    out = io.StringIO()
    csv.writer(out).writerows([header, observer])
    upload = SimpleUploadedFile("people.csv", out.getvalue().encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("admin:archive_participation_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    [row] = response.context["result"].valid_rows()
    assert row.import_type == "update"
    values = dict(zip(response.context["result"].diff_headers, row.diff, strict=True))
    assert values["角色"] == "列席" and values["职务"] == "区审计局副局长" and values["已整理"] == "是", values
    assert "observer" not in text_of(response)
