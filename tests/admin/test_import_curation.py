"""An admin import is a curator's decision like a form edit (issue 18.2, issue 15): what it changes
is locked or curated, recorded in history with a diff, and kept by a re-parse."""

import pytest
import tablib

from archive.admin.resources import AgendaItemResource, MeetingResource, ParticipationResource
from archive.models import Division, Official
from archive.pipeline.reparse import reparse_source

pytestmark = pytest.mark.django_db

MINUTES = """2022年4月6日，县长林海主持召开县政府常务会议。出席：周明、吴芳。

一、研究某县道路养护工作
会议听取了县交通局关于道路养护的汇报。

二、审议《某县河道管理办法》
会议审议通过了该办法。
"""


@pytest.fixture
def meeting(load_text):
    return load_text(MINUTES, name="minutes.txt", locality="安吉县")


def _import(resource, headers, rows):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return resource().import_data(data, dry_run=False, rollback_on_validation_errors=True)


def _errors(result) -> str:
    rows = " ".join(str(e.error) for _, errors in result.row_errors() for e in errors)
    return rows + " ".join(str(err) for inv in result.invalid_rows for err in inv.error_dict.values())


def _meeting_row(meeting, **changes):
    row = {
        "source_sha256": meeting.source.sha256,
        "year": meeting.year,
        "month": meeting.month,
        "day": meeting.day,
        "body": meeting.body,
        "locality": meeting.locality,
    }
    row.update(changes)
    return list(row), [list(row.values())]


def test_a_corrected_body_is_locked_recorded_and_kept(meeting):
    result = _import(MeetingResource, *_meeting_row(meeting, body="县政府专题会议"))
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    meeting.refresh_from_db()
    assert meeting.body == "县政府专题会议" and "body" in meeting.locked_fields
    history = list(meeting.history.order_by("history_id"))
    assert [h.body for h in history] == ["县政府常务会议", "县政府专题会议"]
    assert "body" in {c.field for c in history[1].diff_against(history[0]).changes}
    reparse_source(meeting.source)
    meeting.refresh_from_db()
    assert meeting.body == "县政府专题会议"


def test_a_locality_set_by_import_resolves_its_division(meeting):
    result = _import(MeetingResource, *_meeting_row(meeting, locality="德清县"))
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    meeting.refresh_from_db()
    assert meeting.division == Division.objects.get(name="德清县", valid_until__isnull=True)
    assert {"locality", "division"} <= set(meeting.locked_fields)


def test_a_locality_that_is_no_division_is_refused_with_the_reason(meeting):
    result = _import(MeetingResource, *_meeting_row(meeting, locality="无此县"))
    assert "无此县" in _errors(result)
    meeting.refresh_from_db()
    assert meeting.locality == "安吉县"


@pytest.mark.parametrize(
    "changes",
    [
        {"month": 13},
        {"day": 40},
        {"year": 32767},
        {"locked_fields": '[{"a": 1}, 5]'},
        {"locked_fields": '["nonsense"]'},
    ],
)
def test_impossible_values_are_refused(meeting, changes):
    """Issue 18.5 (dates) and 18.9 (locked_fields a list of field names)."""
    result = _import(MeetingResource, *_meeting_row(meeting, **changes))
    assert result.has_validation_errors() or result.has_errors()
    meeting.refresh_from_db()
    assert (meeting.month, meeting.day, meeting.year, meeting.locked_fields) == (4, 6, 2022, [])


def test_a_relinked_and_an_added_participation_survive_a_reparse(meeting):
    other = Official.objects.create(name="周明", disambiguation="县交通局")
    sha = meeting.source.sha256
    headers = ["source_sha256", "name", "role", "official", "name_as_written", "order"]
    key = "周明||县交通局"
    result = _import(
        ParticipationResource,
        headers,
        [[sha, "周明", "attendee", key, "周明", 2], [sha, "郑新", "observer", "", "郑新", 9]],
    )
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    reparse_source(meeting.source)
    assert meeting.participations.get(name="周明").official == other
    assert meeting.participations.filter(name="郑新", role="observer").exists()


def test_a_retitled_agenda_item_survives_a_reparse(meeting):
    item = meeting.agenda_items.get(order=1)
    headers = ["source_sha256", "order", "title", "text", "kind"]
    result = _import(
        AgendaItemResource, headers, [[meeting.source.sha256, 1, "研究全县道路养护工作", item.text, item.kind]]
    )
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    item.refresh_from_db()
    assert item.curated
    assert [h.title for h in item.history.order_by("history_id")] == [
        item.history.earliest().title,
        "研究全县道路养护工作",
    ]
    reparse_source(meeting.source)
    titles = list(meeting.agenda_items.values_list("title", flat=True))
    assert "研究全县道路养护工作" in titles and "研究某县道路养护工作" not in titles


def test_a_document_a_curator_linked_survives_a_reparse(meeting):
    result = _import(MeetingResource, *_meeting_row(meeting, documents="某县预算报告"))
    assert not result.has_errors() and not result.has_validation_errors(), _errors(result)
    reparse_source(meeting.source)
    assert meeting.documents.filter(title="某县预算报告").exists()
    assert meeting.documents.filter(title="某县河道管理办法").exists()


def test_the_same_corrections_imported_twice_change_nothing_the_second_time(meeting):
    item = meeting.agenda_items.get(order=1)
    headers = ["source_sha256", "order", "title", "text", "kind", "curated"]
    rows = [[meeting.source.sha256, 1, "研究全县道路养护工作", item.text, item.kind, 0]]
    first = _import(AgendaItemResource, headers, rows)
    assert first.totals["update"] == 1
    again = _import(AgendaItemResource, headers, rows)
    assert again.totals["update"] == 0 and again.totals["skip"] == 1
    item.refresh_from_db()
    assert item.curated  # a file's 0 does not undo the curator's mark
