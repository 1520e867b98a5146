"""Review reasons are values, ReviewReason(kind, detail), stored as {"kind", "detail"} objects: the
queue's filter matches the stored kind whole, an export writes them as text and an import reads
that text (the form reasons were stored in before) or the objects."""

import json

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from archive import review
from archive.admin.formats import CSV
from archive.admin.resources import MeetingResource
from archive.history import ensure_baseline
from archive.models import Division, Meeting, Official
from archive.parsing.result import WarningKind
from archive.review import LABELS, NOT_REASONS, ReasonKind, ReviewReason
from tests.reasons import reasons_of

pytestmark = pytest.mark.django_db

NO_YEAR = "3月4日，区长王某主持召开区政府常务会议。会议研究了防汛工作。"
AMBIGUOUS = "2021年3月4日，区长陈健主持召开区政府常务会议，研究防汛工作。"


def value(kind, detail=None) -> dict:
    return {"kind": kind, "detail": detail}


# The value -----------------------------------------------------------------------------------


def test_a_reason_is_a_kind_and_a_detail_stored_and_written_as_text():
    named = ReviewReason("ambiguous-official", "陈健")
    assert named.kind is ReasonKind.AMBIGUOUS_OFFICIAL
    assert named.as_stored() == value("ambiguous-official", "陈健")
    assert named.as_text() == "ambiguous-official: 陈健"
    assert ReviewReason.from_text("ambiguous-official: 陈健") == named == ReviewReason.from_stored(named.as_stored())
    assert ReviewReason.from_text("year-missing") == ReviewReason(ReasonKind.YEAR_MISSING)
    assert ReviewReason.from_text("year-missing").as_stored() == value("year-missing")
    for text in ["year-missin", "ambiguous", "", "year"]:
        with pytest.raises(ValueError):
            ReviewReason.from_text(text)


def test_every_warning_but_the_harmless_is_a_reason_and_every_reason_has_words():
    warnings = {kind.value for kind in WarningKind if kind not in NOT_REASONS}
    assert warnings == {kind.value for kind in ReasonKind} - {ReasonKind.AMBIGUOUS_OFFICIAL, ReasonKind.NO_LOCALITY}
    assert list(LABELS) == list(ReasonKind)  # the filter lists them in the enumeration's order


WORDS = {
    "en": [
        "the year is unknown",
        "the year was taken from --year: check it",
        "no meeting date",
        "the date is not a calendar date",
        "no meeting name (body)",
        "nobody found who chaired",
        "no agenda item found",
        "the locality names several divisions: set the division",
        "a name fits several officials",
        "the chair is uncertain: several people are said to chair",
        "the agenda count is uncertain: check the agenda",
        "the number of people the text gives differs from the names found",
        "the page reports several meetings",
        "the text was read from a scan by OCR: compare it with the original",
        "the meeting's place is unknown: set its locality and division, then re-parse",
        "陈健 fits several officials; link the right one",
    ],
    "zh-hans": [
        "年份不详",
        "年份取自 --year 选项，请核对",
        "缺少会议日期",
        "日期不是有效的日历日期",
        "缺少会议名称",
        "未找到主持人",
        "未找到议题",
        "地名对应多个行政区划，请设定行政区划",
        "姓名对应多位官员",
        "主持人存疑：有多人被写为主持",
        "议题数存疑，请核对议题",
        "文中所写人数与找到的姓名数不符",
        "本页报道了多次会议",
        "正文由光学字符识别（OCR）从扫描件读出：请与原件核对",
        "会议地点不明：请设定地点和行政区划，然后重新解析",
        "“陈健”对应多位官员，请关联正确的一位",
    ],
}


@pytest.mark.parametrize("language", WORDS)
def test_the_words_are_those_people_read_before(seed_without_year, language):
    """The labels did not change with the storage: each kind, and a name that fits several officials."""
    meeting = seed_without_year
    meeting.review_reasons = [value(kind) for kind in ReasonKind] + [value("ambiguous-official", "陈健")]
    with translation.override(language):
        assert meeting.review_reason_labels() == WORDS[language]


@pytest.fixture
def seed_without_year(archive_db):
    return Meeting.objects.get(source__path__contains="003_")


# The queue's filter ----------------------------------------------------------------------------


def with_reasons(load_text, day: int, reasons: list) -> int:
    meeting = load_text(NO_YEAR.replace("4日", f"{day}日"), name=f"{day}.txt")
    Meeting.objects.filter(pk=meeting.pk).update(needs_review=True, review_reasons=reasons)
    return meeting.pk


def test_the_filter_matches_a_kind_whole_never_a_kind_it_begins_or_a_detail(load_text):
    year = with_reasons(load_text, 1, [value("year-missing")])
    named = with_reasons(load_text, 2, [value("ambiguous-official", "chair-missing")])
    chair = with_reasons(load_text, 3, [value("date-missing"), value("chair-missing")])
    # A string where an object belongs (nothing writes one) has no kind, and breaks nothing.
    text = with_reasons(load_text, 4, ["chair-missing"])
    ours = {year, named, chair, text}

    def matching(kind):
        return set(Meeting.objects.with_review_reason(kind).filter(pk__in=ours).values_list("pk", flat=True))

    assert matching("year-missing") == {year}
    assert matching(ReasonKind.CHAIR_MISSING) == {chair}  # not the name that reads chair-missing
    assert matching("ambiguous-official") == {named}
    # The beginning of a kind, or its end, is no kind.
    assert matching("year") == matching("ambiguous") == matching("missing") == matching("date") == set()
    assert matching("chair-missing: ") == matching('chair-missing"') == set()


def ambiguous_meeting(load_text) -> Meeting:
    """A meeting chaired by 陈健, a name that fits two officials by then."""
    load_text(AMBIGUOUS.replace("3月4日", "1月4日"), name="a.txt")
    keqiao = Division.objects.get(code="330603")
    Official.objects.create(name="陈健", locality="柯桥区", division=keqiao, disambiguation="财政局")
    return load_text(AMBIGUOUS, name="c.txt")


def test_the_queue_filters_by_the_kind_of_a_reason_with_a_detail(admin_client, load_text):
    named = ambiguous_meeting(load_text)
    assert named.review_reasons == [value("ambiguous-official", "陈健")]
    no_year = load_text(NO_YEAR, name="d.txt")
    queue = reverse("admin:archive_meetingforreview_changelist")

    def ids(kind):
        return {m.id for m in admin_client.get(queue, {"reason": kind}).context["cl"].queryset}

    assert named.id in ids("ambiguous-official") and no_year.id not in ids("ambiguous-official")
    assert no_year.id in ids("year-missing") and named.id not in ids("year-missing")
    assert admin_client.get(queue, {"reason": "ambiguous"}).status_code == 302  # no kind: Django's note


# Export and import ---------------------------------------------------------------------------


def meeting_row(meeting: Meeting, **cells) -> dict:
    exported = MeetingResource().export(queryset=Meeting.objects.filter(pk=meeting.pk))
    return {**exported.dict[0], **cells}


def import_meeting_rows(rows: list[dict]):
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    return MeetingResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)


def errors_of(result) -> str:
    texts = [str(e.error) for _, errors in result.row_errors() for e in errors]
    texts += [f"{field}: {messages}" for row in result.invalid_rows for field, messages in row.error_dict.items()]
    return " ".join(texts)


def test_an_export_writes_the_reasons_as_text_and_imports_back_unchanged(load_text):
    meeting = ambiguous_meeting(load_text)
    assert reasons_of(meeting) == ["ambiguous-official: 陈健"]
    exported = CSV().create_dataset(CSV().export_data(MeetingResource().export()))
    row = next(r for r in exported.dict if r["source_sha256"] == meeting.source.sha256)
    assert json.loads(row["review_reasons"]) == ["ambiguous-official: 陈健"]
    stored = meeting.review_reasons
    Meeting.objects.filter(pk=meeting.pk).update(review_reasons=[])
    result = import_meeting_rows([row])
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    assert Meeting.objects.get(pk=meeting.pk).review_reasons == stored


@pytest.mark.parametrize(
    "cell",
    [
        '["year-missing"]',  # as exports wrote it before reasons were values (and write it now)
        json.dumps([value("year-missing")]),
        json.dumps([{"kind": "year-missing"}]),
    ],
    ids=["text", "objects", "object-without-detail"],
)
def test_a_cell_of_either_form_is_the_stored_reasons(load_text, cell):
    meeting = load_text(NO_YEAR)
    Meeting.objects.filter(pk=meeting.pk).update(review_reasons=[])
    result = import_meeting_rows([meeting_row(meeting, review_reasons=cell)])
    assert not result.has_errors() and not result.has_validation_errors(), errors_of(result)
    assert Meeting.objects.get(pk=meeting.pk).review_reasons == [value("year-missing")]


@pytest.mark.parametrize("cell", ['["year-missin"]', '[{"kind": "nonsense"}]', '[{"detail": "x"}]', "[1]", "x"])
def test_a_reason_of_no_known_kind_is_refused(load_text, cell):
    meeting = load_text(NO_YEAR)
    before = meeting.review_reasons
    result = import_meeting_rows([meeting_row(meeting, review_reasons=cell)])
    assert result.has_validation_errors()
    assert "review_reasons" in errors_of(result)
    assert Meeting.objects.get(pk=meeting.pk).review_reasons == before


# What people see ------------------------------------------------------------------------------


def test_the_history_shows_a_change_of_reasons_in_words(admin_client, load_text):
    meeting = load_text(NO_YEAR)
    ensure_baseline(Meeting, [meeting.pk])  # as the admin does before a change
    meeting.year = 2024
    meeting.save()  # resolves year-missing
    assert meeting.history.count() == 2
    html = admin_client.get(reverse("admin:archive_meeting_history", args=[meeting.pk])).content.decode()
    # By their labels, as the queue shows them (issue 18: values as a curator reads them).
    assert "年份不详" in html and "year-missing" not in html
    assert "&#x27;kind&#x27;" not in html and "'kind'" not in html


def test_a_change_to_a_row_resolves_only_reasons_about_rows(load_text):
    meeting = load_text("近日，召开了一次会议。")
    assert review.about_rows(meeting.review_reasons)
    assert not review.about_rows([value("year-missing"), value("body-missing")])
