"""Merge, split, re-parse keeping curated edits, review queue, history."""

import pytest
from django.urls import reverse

from archive import curation
from archive.models import Meeting, Official, OfficialAlias, OfficialRedirect, Participation, SourceDocument
from archive.pipeline.reparse import reparse_source

pytestmark = pytest.mark.django_db


def test_merge_moves_everything_and_remembers(archive_db):
    keep = Official.objects.get(name="陈豪")
    typo = Official.objects.create(name="陈浩", locality="柯桥区", notes="typed by hand")
    OfficialAlias.objects.create(official=typo, name="陳浩")
    Participation.objects.filter(name="陈利华").update(official=typo)
    typo_id = typo.id
    moved = curation.merge_officials(keep, [typo])
    assert moved == 1
    assert not Official.objects.filter(id=typo_id).exists()
    assert Participation.objects.get(name="陈利华").official == keep
    assert set(keep.aliases.values_list("name", flat=True)) >= {"陈浩", "陳浩", "陳豪"}
    assert OfficialRedirect.objects.get(old_id=typo_id).official == keep
    keep.refresh_from_db()
    assert keep.locality == "柯桥区" and "typed by hand" in keep.notes
    assert Participation.history.filter(name="陈利华", official_id=keep.id).exists()


def test_merge_through_the_admin_action(admin_client, archive_db):
    a = Official.objects.get(name="陈豪")
    b = Official.objects.create(name="陳豪", disambiguation="entered by hand")
    url = reverse("admin:archive_official_changelist")
    confirm = admin_client.post(url, {"action": "merge", "_selected_action": [a.id, b.id]})
    assert confirm.status_code == 200 and 'name="keep"' in confirm.content.decode()
    done = admin_client.post(url, {"action": "merge", "_selected_action": [a.id, b.id], "keep": a.id}, follow=True)
    assert done.status_code == 200
    assert not Official.objects.filter(id=b.id).exists()
    assert admin_client.get(f"/officials/{b.id}/").status_code == 301


def test_earlier_redirects_follow_a_second_merge(archive_db):
    a, b, c = (Official.objects.create(name=n) for n in ["甲一", "甲二", "甲三"])
    ids = a.id, b.id
    curation.merge_officials(b, [a])
    curation.merge_officials(c, [b])
    assert set(OfficialRedirect.objects.filter(official=c).values_list("old_id", flat=True)) == set(ids)


def test_split_moves_chosen_participations_to_a_new_official(admin_client, archive_db):
    chen = Official.objects.get(name="陈健")
    p = chen.participations.get()
    response = admin_client.post(
        reverse("admin:archive_participation_changelist"),
        {"action": "split_to_new_official", "_selected_action": [p.id]},
        follow=True,
    )
    assert response.status_code == 200
    p.refresh_from_db()
    assert p.official != chen and p.official.name == "陈健" and p.curated


def test_reparse_keeps_curated_fields_and_rows(admin_client, archive_db):
    meeting = Meeting.objects.get(source__path__contains="003_")
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update({"year": 2024, "body": "区委常委会（扩大）会议", "needs_review": "on"})
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": formset.formset.total_form_count(),
                f"{prefix}-INITIAL_FORMS": formset.formset.initial_form_count(),
            }
        )
        for i, f in enumerate(formset.formset.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if name == "titles":
                    import json

                    value = json.dumps(value or [], ensure_ascii=False)
                if value is not None and value is not False:
                    data[f"{prefix}-{i}-{name}"] = value.pk if hasattr(value, "pk") else value
    chair_index = next(
        i
        for i, f in enumerate(page.context["inline_admin_formsets"][0].formset.forms)
        if f.initial.get("name") == "陈豪"
    )
    data[f"participations-{chair_index}-titles"] = '["区委书记", "区委常委会主任"]'
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    meeting.refresh_from_db()
    assert set(meeting.locked_fields) >= {"year", "body"}

    result = reparse_source(meeting.source)
    meeting.refresh_from_db()
    assert (meeting.year, meeting.body) == (2024, "区委常委会（扩大）会议")
    assert set(result.kept) == {"year", "body"}
    assert meeting.participations.get(name="陈豪").titles == ["区委书记", "区委常委会主任"]
    assert meeting.participations.filter(name="袁建", role="conveyor").count() == 1
    assert meeting.participations.count() == 5
    assert "kept curated" in result.summary()


def test_reparse_action_reports_what_changed(admin_client, archive_db):
    source = SourceDocument.objects.get(path__contains="000_")
    Meeting.objects.filter(source=source).update(body="错误的名称")
    response = admin_client.post(
        reverse("admin:archive_sourcedocument_changelist"),
        {"action": "reparse", "_selected_action": [source.id]},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "会议名称: 错误的名称 → 区政府常务会议" in text
    assert Meeting.objects.get(source=source).body == "区政府常务会议"


def test_review_queue_and_mark_reviewed(admin_client, archive_db):
    queue = reverse("admin:archive_meetingforreview_changelist")
    flagged = list(admin_client.get(queue).context["cl"].queryset)  # every page
    assert flagged and all(m.needs_review for m in flagged)
    seed = Meeting.objects.get(source__path__contains="003_")
    assert seed.id in {m.id for m in flagged}
    admin_client.post(queue, {"action": "mark_reviewed", "_selected_action": [seed.id]})
    seed.refresh_from_db()
    assert not seed.needs_review and "needs_review" in seed.locked_fields
    reparse_source(seed.source)
    seed.refresh_from_db()
    assert not seed.needs_review


def test_admin_edits_are_in_the_history(admin_client, admin_user, archive_db):
    official = Official.objects.get(name="陈豪")
    url = reverse("admin:archive_official_change", args=[official.pk])
    data = {
        "name": "陈豪",
        "locality": "柯桥区",
        "disambiguation": "",
        "notes": "区委书记",
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
    }
    assert admin_client.post(url, data).status_code == 302
    latest = official.history.latest()
    assert latest.history_user == admin_user
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "notes"] == [("notes", "", "区委书记")]
    history_page = admin_client.get(reverse("admin:archive_official_history", args=[official.pk]))
    assert history_page.status_code == 200 and "区委书记" in history_page.content.decode()
