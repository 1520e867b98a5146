"""A viewer walks every admin URL of every model, with GET and POST; the database must not change.

Viewers may read everything, history included, and export; they never change a record: not by
the change form, a history revert, an action, an import or a delete.
"""

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from archive.history import ensure_baseline

pytestmark = pytest.mark.django_db


def dump() -> dict:
    """Every row of every table (sessions aside), in primary-key order."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model is not Session:
            tables[model._meta.db_table] = list(model._base_manager.order_by("pk").values_list())
    return tables


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


def edited_form_data(model_admin, obj, superuser) -> dict:
    """What the admin's form would post for ``obj``, every text field edited: valid, and a change."""
    request = RequestFactory().get("/")
    request.user = superuser
    form = model_admin.get_form(request, obj, change=True)(instance=obj)
    data = {"_save": "1"}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            value = "on" if value else None
        elif isinstance(field.field, forms.CharField) and not isinstance(field.field, forms.JSONField):
            value = (value or "")[:-1] + "X"
        if value is not None:
            data[field.html_name] = value
    return data


def action_posts(model_admin, obj, superuser) -> list[dict]:
    """One POST per action a curator may run, with this object selected and every confirmation given."""
    request = RequestFactory().get("/")
    request.user = superuser
    return [
        {"action": name, admin.helpers.ACTION_CHECKBOX_NAME: [obj.pk], "index": "0", "post": "yes", "keep": obj.pk}
        for name in model_admin.get_actions(request)
    ]


def import_post(model_admin) -> dict:
    resource = model_admin.get_export_resource_classes(None)[0]()
    content = model_admin.get_export_formats()[0]().export_data(resource.export())
    return {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("mine.csv", content.encode("utf-8"))}


def requests_for(name: str, model_admin, obj, superuser) -> list[dict]:
    """The POST bodies to try on the URL of this name (a GET is always tried too)."""
    suffix = name.rsplit("_", 1)[-1]
    if suffix == "changelist":
        return [{}, *action_posts(model_admin, obj, superuser)]
    if suffix in {"add", "change", "history"} and obj is not None:
        return [edited_form_data(model_admin, obj, superuser)]
    if name.endswith("simple_history"):
        return [edited_form_data(model_admin, obj, superuser)]
    if suffix == "delete":
        return [{"post": "yes"}]
    if suffix == "import" and hasattr(model_admin, "get_export_resource_classes"):
        return [import_post(model_admin)]
    if name.endswith("process_import"):
        return [{"import_file_name": "x", "original_file_name": "x.csv", "format": "0", "resource": ""}]
    if suffix == "export":
        return [{"format": "0", "resource": "0", "export_items": [obj.pk]}]
    return [{}]


def url_args(pattern, obj, history_id) -> list:
    return [obj.pk, history_id][: pattern.pattern.regex.groups]


def admin_urls():
    """(url name, model admin, args) for every named URL of every registered model."""
    admin.autodiscover()  # run alone, nothing has imported the admin modules yet
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        history_id = None
        if hasattr(model, "history"):
            ensure_baseline(model, [obj.pk])
            history_id = model.history.filter(pk=obj.pk).values_list("history_id", flat=True).first()
        for pattern in model_admin.get_urls():
            if pattern.name:
                yield pattern.name, model_admin, obj, url_args(pattern, obj, history_id)


@pytest.fixture
def viewer_client(client, db):
    viewer = User.objects.create_user("viewer", password="pw-viewer", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    client.force_login(viewer)
    return client


def test_a_viewer_changes_nothing_anywhere_in_the_admin(viewer_client, archive_db):
    superuser = User.objects.create_superuser("root", password="pw-root")
    walk = list(admin_urls())
    before = dump()
    tried = []
    for name, model_admin, obj, args in walk:
        url = reverse(f"admin:{name}", args=args)
        responses = [viewer_client.get(url)]
        for data in requests_for(name, model_admin, obj, superuser):
            responses.append(viewer_client.post(url, data))
        tried += [(url, r.status_code) for r in responses]
        assert not changed_tables(before, dump()), (url, changed_tables(before, dump()))
    assert all(status < 500 for _, status in tried), [t for t in tried if t[1] >= 500]
    assert len(tried) > 100, len(tried)


def test_a_viewer_reads_history_but_cannot_revert(viewer_client, archive_db):
    from archive.models import Meeting

    meeting = Meeting.objects.order_by("pk").first()
    ensure_baseline(Meeting, [meeting.pk])
    version = meeting.history.first()
    url = reverse("admin:archive_meeting_simple_history", args=[meeting.pk, version.history_id])
    page = viewer_client.get(url)
    assert page.status_code == 200 and page.context["revert_disabled"]
    assert viewer_client.post(url, {"body": "X", "_save": "1"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).body == meeting.body


def test_a_curator_still_reverts(client, archive_db):
    from archive.models import Official

    curator = User.objects.create_user("curator", password="pw-curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    client.force_login(curator)
    official = Official.objects.order_by("pk").first()
    ensure_baseline(Official, [official.pk])
    version = official.history.first()
    url = reverse("admin:archive_official_simple_history", args=[official.pk, version.history_id])
    data = {"name": official.name, "locality": "改过", "disambiguation": "", "notes": "", "_save": "1"}
    data.update({"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"})
    assert client.post(url, data).status_code == 302
    assert Official.objects.get(pk=official.pk).locality == "改过"
