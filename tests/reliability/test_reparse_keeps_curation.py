"""Re-parse after each kind of curator edit keeps what the curator did (issue 8, items 8-10).

Edits go through the admin's meeting page, as curators make them; the re-parse is the one the
admin's action runs. Seed 000 has 9 participations and 7 agenda items.
"""

import json

import pytest
from django.forms import ModelMultipleChoiceField
from django.urls import reverse

from archive.models import Division, Meeting, Official, Participation, SourceDocument
from archive.pipeline.load import load_paths
from archive.pipeline.reparse import reparse_source
from tests.conftest import SEEDS
from tests.reasons import reasons_of

pytestmark = pytest.mark.django_db

SEED_000 = next(SEEDS.glob("000_*.txt"))


class MeetingPage:
    """The admin change page of a meeting as a form to fill in and save."""

    def __init__(self, client, meeting):
        self.client, self.url = client, reverse("admin:archive_meeting_change", args=[meeting.pk])
        page = client.get(self.url)
        form = page.context["adminform"].form
        self.data = {k: _value(v) for k, v in form.initial.items() if k in form.fields and v is not None}
        self.forms = {}
        for inline in page.context["inline_admin_formsets"]:
            formset = inline.formset
            self.forms[formset.prefix] = [f.initial for f in formset.forms]
            self.data[f"{formset.prefix}-TOTAL_FORMS"] = formset.total_form_count()
            self.data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
            for i, f in enumerate(formset.forms):
                for name, field in f.fields.items():
                    value = _value(f.initial.get(name, field.initial), field)
                    if value is not None and value is not False:
                        self.data[f"{formset.prefix}-{i}-{name}"] = value

    def index(self, prefix, **match) -> int:
        return next(
            i for i, initial in enumerate(self.forms[prefix]) if all(initial.get(k) == v for k, v in match.items())
        )

    def change(self, prefix, match: dict, **values):
        i = self.index(prefix, **match)
        self.data.update({f"{prefix}-{i}-{k}": _value(v) for k, v in values.items()})

    def delete(self, prefix, **match):
        self.data[f"{prefix}-{self.index(prefix, **match)}-DELETE"] = "on"

    def add(self, prefix, **values):
        i = self.data[f"{prefix}-TOTAL_FORMS"]
        self.data[f"{prefix}-TOTAL_FORMS"] = i + 1
        self.data.update({f"{prefix}-{i}-{k}": _value(v) for k, v in values.items()})

    def save(self):
        response = self.client.post(self.url, self.data)
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def _value(value, field=None):
    """As the browser would post it: JSON lists (titles) as JSON, several choices as their ids."""
    if isinstance(field, ModelMultipleChoiceField):
        return [v.pk for v in value or []]
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value.pk if hasattr(value, "pk") else value


@pytest.fixture
def seed(db):
    load_paths([SEED_000], locality="柯桥区")  # its people are linked only where the place is known
    return Meeting.objects.get()


def people(meeting):
    return sorted(meeting.participations.values_list("name", "role", "curated"))


def reparse(meeting):
    result = reparse_source(SourceDocument.objects.get(meeting=meeting))
    meeting.refresh_from_db()
    return result


def test_a_field_a_curator_edited_is_kept(admin_client, seed):
    page = MeetingPage(admin_client, seed)
    page.data.update(body="区政府常务会议（扩大）", session_number=7)
    page.save()
    result = reparse(seed)
    assert (seed.body, seed.session_number) == ("区政府常务会议（扩大）", 7)
    assert set(result.kept) == {"body", "session_number"}


def test_a_renamed_participant_does_not_come_back(admin_client, seed):
    page = MeetingPage(admin_client, seed)
    page.change("participations", {"name": "陈健"}, name="陈建")
    page.save()
    before = people(seed)
    result = reparse(seed)
    assert people(seed) == before
    assert result.participations == (9, 9)
    assert not seed.participations.filter(name="陈健").exists()


def test_a_re_roled_participant_does_not_come_back_in_the_old_role(admin_client, seed):
    page = MeetingPage(admin_client, seed)
    page.change("participations", {"name": "顾华锋"}, role="observer")
    page.save()
    reparse(seed)
    assert list(seed.participations.filter(name="顾华锋").values_list("role", "curated")) == [("observer", True)]
    assert seed.participations.count() == 9


def test_a_deleted_participant_stays_deleted(admin_client, seed):
    page = MeetingPage(admin_client, seed)
    page.delete("participations", name="陶峰")
    page.save()
    result = reparse(seed)
    assert not seed.participations.filter(name="陶峰").exists()
    assert result.participations == (8, 8)
    # The decision outlives another re-parse.
    reparse(seed)
    assert seed.participations.count() == 8


def test_a_deleted_agenda_item_stays_deleted(admin_client, seed):
    title = seed.agenda_items.get(order=3).title
    page = MeetingPage(admin_client, seed)
    page.delete("agenda_items", order=3)
    page.save()
    result = reparse(seed)
    assert not seed.agenda_items.filter(title=title).exists()
    assert result.agenda_items == (6, 6)


def test_a_deleted_participant_through_the_participation_list_stays_deleted(admin_client, seed):
    p = seed.participations.get(name="荆慰")
    admin_client.post(
        reverse("admin:archive_participation_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk], "post": "yes"},
    )
    assert seed.participations.count() == 8
    reparse(seed)
    assert not seed.participations.filter(name="荆慰").exists()


def test_a_participant_a_curator_added_is_kept_and_the_parse_not_doubled(admin_client, seed):
    page = MeetingPage(admin_client, seed)
    page.add("participations", order=10, role="observer", name="罗新", titles="[]")
    page.save()
    reparse(seed)
    assert seed.participations.filter(name="罗新", role="observer", curated=True).count() == 1
    assert seed.participations.count() == 10
    reparse(seed)
    assert seed.participations.count() == 10


def test_a_retitled_agenda_item_keeps_its_title_and_the_old_one_does_not_return(admin_client, seed):
    old = seed.agenda_items.get(order=2).title
    page = MeetingPage(admin_client, seed)
    page.change("agenda_items", {"order": 2}, title="学习传达市委全会精神")
    page.save()
    reparse(seed)
    assert seed.agenda_items.get(order=2).title == "学习传达市委全会精神"
    assert not seed.agenda_items.filter(title=old).exists()
    assert seed.agenda_items.count() == 7


def test_deleting_a_meeting_is_not_a_decision_about_its_rows(seed):
    Meeting.objects.filter(pk=seed.pk).delete()  # cascades to its rows without remembering them
    assert not Participation.objects.exists()


def test_the_locality_and_year_given_when_loading_are_kept(tmp_path, db):
    # The text names no place and no year; the load was told 柯桥区 and 2022.
    path = tmp_path / "no_year.txt"
    path.write_text(
        "3月4日，张立主持召开区政府常务会议。副区长王明、赵亮出席会议。会议审议了《甲办法》。", encoding="utf-8"
    )
    load_paths([path], locality="柯桥区", year=2022)
    meeting = Meeting.objects.get()
    officials = set(Official.objects.values_list("id", "locality"))
    assert (meeting.locality, meeting.year) == ("柯桥区", 2022)
    result = reparse(meeting)
    assert (meeting.locality, meeting.year, str(meeting.date)) == ("柯桥区", 2022, "2022-03-04")
    assert result.changed == {}
    assert set(Official.objects.values_list("id", "locality")) == officials
    assert all(p.official_id for p in meeting.participations.all())


@pytest.fixture
def ambiguous(tmp_path, db):
    """A meeting chaired by 陈健, a name two officials have."""
    keqiao = Division.objects.get(code="330603")
    Official.objects.create(name="陈健", locality="柯桥区", division=keqiao, disambiguation="财政局")
    Official.objects.create(name="陈健", locality="柯桥区", division=keqiao, disambiguation="教育局")
    path = tmp_path / "ambiguous.txt"
    path.write_text(
        "2021年3月4日，区长陈健主持召开区政府常务会议。副区长王明出席会议。会议审议了《甲办法》。", encoding="utf-8"
    )
    load_paths([path], locality="柯桥区")
    meeting = Meeting.objects.get()
    assert reasons_of(meeting) == ["ambiguous-official: 陈健"]
    return meeting


def test_a_name_that_fits_several_officials_keeps_the_meeting_flagged(ambiguous):
    reparse(ambiguous)
    assert ambiguous.needs_review and reasons_of(ambiguous) == ["ambiguous-official: 陈健"]
    assert ambiguous.participations.get(name="陈健").official is None


def test_a_name_a_curator_linked_no_longer_flags_the_meeting(admin_client, ambiguous):
    right = Official.objects.get(name="陈健", disambiguation="财政局")
    page = MeetingPage(admin_client, ambiguous)
    page.change("participations", {"name": "陈健"}, official=right.pk)
    page.save()
    reparse(ambiguous)
    assert ambiguous.participations.get(name="陈健").official == right
    assert not ambiguous.needs_review


def test_a_place_the_text_names_comes_before_the_load_option(tmp_path, db):
    path = tmp_path / "named.txt"
    path.write_text(
        "3月4日，张立主持召开桐乡区政府常务会议。副区长王明出席会议。会议审议了《甲办法》。", encoding="utf-8"
    )
    load_paths([path], locality="柯桥区")
    meeting = Meeting.objects.get()
    assert (meeting.locality, meeting.source.locality_rule) == ("桐乡区", "text")
    reparse(meeting)
    assert meeting.locality == "桐乡区"
