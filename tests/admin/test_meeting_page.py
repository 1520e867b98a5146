"""The meeting change page: titles as one line of text, filters for loose ends, history credits."""

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.admin.widgets import TitlesField
from archive.models import Meeting, Official, Participation
from tests.admin.forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(archive_db):
    return Meeting.objects.get(source__path__contains="003_")


def _row(page, name):
    formset = page.context["inline_admin_formsets"][0].formset
    return next(f for f in formset.forms if f.initial.get("name") == name)


def test_titles_are_one_line_of_text_not_json(admin_client, seed):
    page = admin_client.get(reverse("admin:archive_meeting_change", args=[seed.pk]))
    html = page.content.decode()
    chen = seed.participations.get(name="陈豪")
    row = _row(page, "陈豪")
    assert f'name="{row.prefix}-titles"' in html
    widget = str(row["titles"])
    assert widget.startswith("<input") and 'type="text"' in widget and "<textarea" not in widget
    assert f'value="{"、".join(chen.titles)}"' in widget
    assert "archive/admin.css" in html


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("区委书记、区长", ["区委书记", "区长"]),
        (" 区委书记 ，区长; 副书记；", ["区委书记", "区长", "副书记"]),
        ('["区委书记", "区长"]', ["区委书记", "区长"]),
        ("", []),
    ],
)
def test_titles_field_reads_what_people_type(typed, stored):
    assert TitlesField().clean(typed) == stored


def test_titles_field_refuses_bad_input():
    field = TitlesField()
    for bad in ["[区长", "x" * 101, "、".join(["a"] * 21), '{"a": 1}']:
        with pytest.raises(Exception) as info:
            field.clean(bad)
        assert info.type.__name__ == "ValidationError"


def test_editing_titles_saves_a_list_and_leaves_other_rows_alone(admin_client, seed):
    url = reverse("admin:archive_meeting_change", args=[seed.pk])
    page = admin_client.get(url)
    row = _row(page, "陈豪")
    response = admin_client.post(url, change_form_data(page, {f"{row.prefix}-titles": "区委书记，区委常委会主任"}))
    assert response.status_code == 302, response.context and response.context["errors"]
    chen = seed.participations.get(name="陈豪")
    assert chen.titles == ["区委书记", "区委常委会主任"] and chen.curated
    # An untouched row round-trips through the text field unchanged, so it is not marked curated.
    assert list(seed.participations.filter(curated=True).values_list("name", flat=True)) == ["陈豪"]


def test_a_bad_title_is_an_error_on_the_page(admin_client, seed):
    url = reverse("admin:archive_meeting_change", args=[seed.pk])
    page = admin_client.get(url)
    row = _row(page, "陈豪")
    response = admin_client.post(url, change_form_data(page, {f"{row.prefix}-titles": "长" * 101}))
    assert response.status_code == 200
    assert "100" in response.content.decode()
    assert seed.participations.get(name="陈豪").titles != ["长" * 101]


def test_participations_not_linked_to_an_official(admin_client, archive_db):
    loose = Participation.objects.filter(official__isnull=False).first()
    loose.official = None
    loose.save()
    url = reverse("admin:archive_participation_changelist")
    unlinked = list(admin_client.get(url, {"linked": "no"}).context["cl"].result_list)
    assert loose in unlinked and all(p.official_id is None for p in unlinked)
    linked = list(admin_client.get(url, {"linked": "yes"}).context["cl"].result_list)
    assert linked and all(p.official_id for p in linked)


def test_officials_without_locality(admin_client, archive_db):
    Official.objects.create(name="甲某")  # a curator's: no load makes an official of no place
    assert Official.objects.filter(locality="").exists() and Official.objects.exclude(locality="").exists()
    url = reverse("admin:archive_official_changelist")
    page = admin_client.get(url, {"locality": "none"})
    assert page.status_code == 200
    found = list(page.context["cl"].result_list)
    assert found and all(o.locality == "" for o in found)


def test_the_state_as_loaded_is_the_loaders_at_load_time(admin_client, admin_user, archive_db):
    official = Official.objects.get(name="陈豪")
    loaded_at = official.created_at
    url = reverse("admin:archive_official_change", args=[official.pk])
    data = {"name": "陈豪", "locality": "柯桥区", "disambiguation": "", "notes": "区委书记"}
    data.update({"aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    before_edit = timezone.now()
    assert admin_client.post(url, data).status_code == 302
    baseline, edit = official.history.order_by("history_date")
    assert baseline.history_user is None and baseline.history_date == loaded_at
    assert baseline.history_change_reason == "as loaded by load_minutes" and baseline.notes == ""
    assert edit.history_user == admin_user and edit.history_date >= before_edit
    html = admin_client.get(reverse("admin:archive_official_history", args=[official.pk])).content.decode()
    assert "load_minutes" in html


def test_participation_baseline_takes_its_meetings_load_time(admin_client, seed):
    url = reverse("admin:archive_meeting_change", args=[seed.pk])
    page = admin_client.get(url)
    row = _row(page, "陈豪")
    response = admin_client.post(url, change_form_data(page, {f"{row.prefix}-titles": "区委书记、区长"}))
    assert response.status_code == 302
    chen = seed.participations.get(name="陈豪")
    baseline = chen.history.earliest()
    assert baseline.history_user is None and baseline.history_date == seed.created_at
    assert chen.history.latest().history_user is not None
