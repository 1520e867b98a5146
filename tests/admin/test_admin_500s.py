"""Issue 18.8: admin paths that were 500s."""

import pytest
from django.urls import reverse

from archive.models import Official

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["tenure", "appointment", "participation"])
def test_a_form_with_an_invalid_autocomplete_id_renders_again_with_an_error(admin_client, model):
    url = reverse(f"admin:archive_{model}_add")
    response = admin_client.post(url, {"official": "abc", "meeting": "x1", "post": "-", "name": "某"})
    assert response.status_code == 200
    assert "official" in response.context["adminform"].form.errors


def test_meetings_are_not_added_by_hand(admin_client):
    """A meeting comes from a source; the form had none (NOT NULL source_id: every submission a 500)."""
    assert admin_client.get(reverse("admin:archive_meeting_add")).status_code == 403
    page = admin_client.get(reverse("admin:archive_meeting_changelist"))
    assert reverse("admin:archive_meeting_add") not in page.content.decode()


def test_a_long_name_fits_its_pinyin_columns():
    """20 characters of six-letter syllables are 139 letters and spaces; the columns hold 80
    (PostgreSQL refused the row)."""
    official = Official.objects.create(name="庄" * 20)
    for field in ("pinyin", "pinyin_key", "initials"):
        assert len(getattr(official, field)) <= Official._meta.get_field(field).max_length, field
    assert official.pinyin.startswith("zhuang zhuang")
    assert Official.objects.matching("zhuangzhuang").filter(pk=official.pk).exists()
