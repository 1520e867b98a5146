"""Review reasons are resolved when what they name is fixed, and read as words everywhere."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from archive.models import AgendaItem, Division, Meeting, Official, Participation
from tests.admin.forms import change_form_data
from tests.reasons import reasons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(archive_db):
    """The seed without a year (003): in the queue for year-missing."""
    meeting = Meeting.objects.get(source__path__contains="003_")
    assert meeting.needs_review and meeting.review_reasons == [{"kind": "year-missing", "detail": None}]
    return meeting


def test_setting_the_year_in_the_admin_resolves_year_missing(admin_client, seed):
    url = reverse("admin:archive_meeting_change", args=[seed.pk])
    response = admin_client.post(url, change_form_data(admin_client.get(url), {"year": 2024}))
    assert response.status_code == 302
    seed.refresh_from_db()
    assert (seed.year, reasons_of(seed), seed.needs_review) == (2024, [], False)
    assert seed.id not in {
        m.id for m in admin_client.get(reverse("admin:archive_meetingforreview_changelist")).context["cl"].queryset
    }
    with translation.override("zh-hans"):
        page = admin_client.get(seed.get_absolute_url()).content.decode()
    assert "year-missing" not in page and "待审核" not in page


def test_each_reason_goes_when_what_it_names_is_fixed(load_text):
    meeting = load_text("近日，召开了一次会议。")
    # no matter listed: the meeting's subject is its one item, and a curator checks it
    assert reasons_of(meeting) == ["date-missing", "chair-missing", "uncertain-agenda"]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["一次会议"]
    meeting.agenda_items.all().delete()  # as a meeting stored with no item (an earlier parser's)
    body_missing = {"kind": "body-missing", "detail": None}
    agenda_missing = {"kind": "agenda-missing", "detail": None}
    Meeting.objects.filter(pk=meeting.pk).update(
        body="", review_reasons=[*meeting.review_reasons, body_missing, agenda_missing]
    )
    meeting.refresh_from_db()
    meeting.body = "区政府常务会议"
    meeting.save()
    assert "body-missing" not in reasons_of(meeting)
    meeting.year, meeting.month, meeting.day = 2024, 2, 30
    meeting.save()
    assert "date-missing" in reasons_of(meeting)  # 2月30日 is no date
    meeting.day = 29
    meeting.save()
    assert "date-missing" not in reasons_of(meeting)
    Participation.objects.create(meeting=meeting, name="王伟", name_as_written="王伟", role="attendee")
    meeting.refresh_from_db()
    assert "chair-missing" in reasons_of(meeting)
    Participation.objects.create(meeting=meeting, name="李明", name_as_written="李明", role="chair")
    meeting.refresh_from_db()
    assert "chair-missing" not in reasons_of(meeting) and meeting.needs_review
    AgendaItem.objects.create(meeting=meeting, order=1, title="研究防汛工作")
    meeting.refresh_from_db()
    assert reasons_of(meeting) == ["uncertain-agenda"]  # a doubt: only a curator's review ends it


def test_date_invalid_goes_when_the_date_is_corrected(load_text):
    meeting = load_text("2021年2月30日，区长王伟主持召开区政府常务会议，研究防汛工作。")
    assert "date-invalid" in reasons_of(meeting)
    meeting.day = 28
    meeting.save()
    assert "date-invalid" not in reasons_of(meeting)


def test_linking_the_ambiguous_official_resolves_it(admin_client, load_text):
    load_text("2021年1月4日，区长陈健主持召开区政府常务会议，研究防汛工作。", name="a.txt")
    keqiao = Division.objects.get(code="330603")
    Official.objects.create(name="陈健", locality="柯桥区", division=keqiao, disambiguation="财政局")
    meeting = load_text("2021年3月4日，区长陈健主持召开区政府常务会议，研究防汛工作。", name="c.txt")
    assert meeting.review_reasons == [{"kind": "ambiguous-official", "detail": "陈健"}]
    chen = meeting.participations.get(name="陈健")
    url = reverse("admin:archive_participation_change", args=[chen.pk])
    page = admin_client.get(url)
    official = Official.objects.get(name="陈健", disambiguation="")
    data = {**{k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}}
    data.update({"official": official.pk, "meeting": meeting.pk, "titles": "区长"})
    assert admin_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert reasons_of(meeting) == [] and not meeting.needs_review
    # The meeting's history records the change, after the state as loaded.
    assert [reasons_of(h) for h in meeting.history.order_by("history_date")] == [["ambiguous-official: 陈健"], []]


def test_unchanged_files_do_not_warn_again(seeds_dir, seed):
    err = io.StringIO()
    call_command("load_minutes", str(seeds_dir), stderr=err, stdout=io.StringIO())
    assert "unchanged 2" in err.getvalue()
    assert "year-missing" not in err.getvalue()


def test_queue_filters_by_reason_in_words_and_has_no_add_button(admin_client, seed, load_text):
    no_chair = load_text("2021年1月4日，召开区政府常务会议，研究防汛工作。")
    assert "chair-missing" in reasons_of(no_chair)
    queue = reverse("admin:archive_meetingforreview_changelist")
    with translation.override("en"):
        page = admin_client.get(queue, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "the year is unknown" in html and "nobody found who chaired" in html
    add = reverse("admin:archive_meetingforreview_add")
    assert f'href="{add}"' not in html  # neither the queue's button nor the sidebar's link
    assert admin_client.get(add).status_code == 403
    ids = {m.id for m in admin_client.get(queue, {"reason": "chair-missing"}).context["cl"].queryset}
    assert no_chair.id in ids and seed.id not in ids
    ids = {m.id for m in admin_client.get(queue, {"reason": "year-missing"}).context["cl"].queryset}
    assert seed.id in ids and no_chair.id not in ids
    assert admin_client.get(queue, {"reason": "nonsense"}).status_code == 302  # Django's invalid-filter note


def test_change_page_and_public_page_show_words_not_codes(admin_client, seed, client):
    url = reverse("admin:archive_meeting_change", args=[seed.pk])
    html = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "年份不详" in html and '["year-missing"]' not in html
    public = client.get(seed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the year is unknown" in public and "year-missing" not in public


def test_labels_in_both_languages(seed):
    with translation.override("en"):
        assert seed.review_reason_labels() == ["the year is unknown"]
    with translation.override("zh-hans"):
        assert seed.review_reason_labels() == ["年份不详"]
    seed.review_reasons = [{"kind": "ambiguous-official", "detail": "陈健"}]
    with translation.override("zh-hans"):
        assert "陈健" in seed.review_reason_labels()[0] and "ambiguous" not in seed.review_reason_labels()[0]
