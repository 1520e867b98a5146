"""QuickRenderer writes widgets, labels and error lists exactly as Django's templates do."""

import re

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.urls import reverse

from archive.admin.layout import QuickTemplate
from archive.admin.meetings import AgendaItemInline, MeetingAdmin, ParticipationInline, ReviewQueueAdmin
from archive.admin.rendering import QUICK, QuickRenderer
from archive.models import Document, Meeting, Participation
from tests.admin.forms import change_form_data

WIDGETS = [
    (forms.TextInput(attrs={"class": "vTextField", "maxlength": 20, "size": 24}), "name", '区长 "A" & <b>'),
    (forms.TextInput(attrs={"required": True, "disabled": False}), "name", None),
    (forms.NumberInput(attrs={"class": "vIntegerField", "min": "0"}), "form-0-order", 3),
    (forms.HiddenInput(), "form-0-id", 17),
    (forms.CheckboxInput(), "form-0-curated", True),
    (forms.CheckboxInput(), "form-0-DELETE", False),
    (forms.Select(choices=[("", "---------"), ("chair", "主持"), ("attendee", "出席 <x>")]), "role", "chair"),
    (forms.Select(choices=[("Group", [("a", "A"), ("b", "B")]), ("c", "C")]), "grouped", "b"),
    (forms.SelectMultiple(choices=[(1, "甲"), (2, "乙"), (3, "丙")]), "docs", [1, 3]),
    (forms.Textarea(attrs={"rows": 3}), "text", "第一行\n<第二行>"),
    (forms.Textarea(), "text", ""),
]


@pytest.mark.parametrize("widget, name, value", WIDGETS)
def test_widgets_render_as_with_djangos_templates(widget, name, value):
    attrs = {"id": f"id_{name}"}
    assert widget.render(name, value, attrs, renderer=QUICK) == widget.render(
        name, value, attrs, renderer=get_default_renderer()
    )


class _Form(forms.Form):
    title = forms.CharField(label="标题 <b>", max_length=5)
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)


@pytest.mark.parametrize("data", [None, {"title": "太长的一个标题", "kind": "z"}])
def test_labels_and_error_lists_render_as_with_djangos_templates(data):
    quick, plain = _Form(data, renderer=QUICK), _Form(data, renderer=get_default_renderer())
    for name in ("title", "kind"):
        assert quick[name].label_tag() == plain[name].label_tag()
        assert quick[name].label_tag(attrs={"class": "required"}, tag="legend") == plain[name].label_tag(
            attrs={"class": "required"}, tag="legend"
        )
        assert str(quick[name].errors) == str(plain[name].errors)
        assert str(quick[name]) == str(plain[name])
    no_id = _Form(data, renderer=QUICK, auto_id=False)
    assert no_id["title"].label_tag() == _Form(data, auto_id=False)["title"].label_tag()


# The meeting's change page: autocompletes and their links written in Python ------------------


def _wrapper(**flags):

    rel = Participation._meta.get_field("official").remote_field
    select = forms.Select(choices=[("", "---------"), (3, "陈豪 <x>")])
    return RelatedFieldWidgetWrapper(select, rel, admin.site, **flags)


@pytest.mark.parametrize(
    "flags",
    [
        {"can_add_related": False, "can_view_related": True},
        {"can_add_related": True, "can_change_related": True, "can_delete_related": True, "can_view_related": True},
        {"can_add_related": True},
        {"can_add_related": False},
    ],
)
def test_related_widget_wrapper_renders_as_with_djangos_template(flags):
    wrapper = _wrapper(**flags)
    attrs = {"id": "id_participations-0-official"}
    quick = wrapper.render("participations-0-official", 3, attrs, renderer=QUICK)
    assert quick == wrapper.render("participations-0-official", 3, attrs, renderer=get_default_renderer())
    hidden = _wrapper(**flags)
    hidden.widget = forms.HiddenInput()
    assert hidden.render("x", 3, renderer=QUICK) == hidden.render("x", 3, renderer=get_default_renderer())


def test_related_widget_wrapper_with_limited_choices(monkeypatch):
    wrapper = _wrapper(can_add_related=True, can_view_related=True)
    monkeypatch.setattr(wrapper.rel, "limit_choices_to", {"locality": "柯桥区"})
    assert wrapper.render("o", 3, renderer=QUICK) == wrapper.render("o", 3, renderer=get_default_renderer())


def _normalised(response) -> str:

    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _both_ways(monkeypatch, fetch):
    """The page as the meeting admin renders it, and as Django's templates alone would: its
    widgets, its inlines, its fieldsets and its change form (archive.admin.layout)."""

    quick = fetch()
    with monkeypatch.context() as m:
        m.setattr(QuickRenderer, "render", DjangoTemplates.render)
        m.setattr(QuickTemplate, "render", QuickTemplate.as_django)
        for model_admin in (MeetingAdmin, ReviewQueueAdmin):
            m.setattr(model_admin, "change_form_template", None)  # Django's change_form.html itself
        plain = fetch()
    return _normalised(quick), _normalised(plain)


@pytest.fixture
def rich_meeting(archive_db):
    """A meeting with participations linked and not, agenda items citing documents, an empty field."""

    meeting = Meeting.objects.get(source__path__contains="003_")
    item = meeting.agenda_items.first()
    item.documents.add(Document.objects.create(title="关于<某事>的报告"))
    unlinked = meeting.participations.exclude(official=None).last()
    unlinked.official = None
    unlinked.save()
    return meeting


@pytest.mark.parametrize("who", ["admin_client", "viewer_client"])
def test_meeting_change_page_is_the_page_djangos_templates_write(request, monkeypatch, rich_meeting, who):

    client = request.getfixturevalue(who)
    url = reverse("admin:archive_meeting_change", args=[rich_meeting.pk])
    quick, plain = _both_ways(monkeypatch, lambda: client.get(url))
    assert quick == plain
    if who == "admin_client":  # a viewer's page has no widgets
        # The division, each participation's official and each agenda item's documents (and a new row's)
        rows = rich_meeting.participations.count() + 1 + rich_meeting.agenda_items.count() + 1
        assert quick.count('class="related-widget-wrapper"') == 1 + rows


def test_meeting_change_page_with_errors_is_the_page_djangos_templates_write(admin_client, monkeypatch, rich_meeting):

    url = reverse("admin:archive_meeting_change", args=[rich_meeting.pk])
    data = change_form_data(
        admin_client.get(url),
        {"year": "abc", "session_number": "x", "participations-0-titles": "长" * 101, "agenda_items-0-order": "y"},
    )
    quick, plain = _both_ways(monkeypatch, lambda: admin_client.post(url, data))
    assert quick == plain
    assert 'class="errorlist' in quick


# The meeting add page is gone (meetings come from sources): its rendering test went with it.


def _view_on_site(inline, obj):
    return f"/participations/{obj.pk}/?a=1&b=<2>"


# Layouts the meeting's page does not use, each written in Python as Django's templates write it
# (or, for an inline's change links, left to its template).
LAYOUTS = {
    "collapsed, described": [
        (
            MeetingAdmin,
            "fieldsets",
            [
                (None, {"fields": [("year", "month", "day"), "body"], "description": "年份<b>必填</b>"}),
                ("审核 <x>", {"fields": ["needs_review", "locked_field_list"], "classes": ["collapse", "wide"]}),
            ],
        ),
        (ParticipationInline, "classes", ["collapse"]),
        (AgendaItemInline, "classes", ["collapse"]),
    ],
    "change links": [(ParticipationInline, "show_change_link", True), (AgendaItemInline, "show_change_link", True)],
    "one row": [(ParticipationInline, "max_num", 1), (AgendaItemInline, "max_num", 1)],
    "views on site": [
        (ParticipationInline, "get_view_on_site_url", _view_on_site),
        (AgendaItemInline, "get_view_on_site_url", _view_on_site),
    ],
    "hidden rows, read only": [
        (ParticipationInline, "readonly_fields", ["name_as_written", "role", "official"]),
        (AgendaItemInline, "readonly_fields", ["kind", "documents"]),
        (ParticipationInline, "can_delete", False),
    ],
}


# What each layout shows that the page otherwise does not.
SHOWN = {
    "collapsed, described": ["<details><summary>", "年份<b>必填</b>", "审核 &lt;x&gt;"],
    "change links": ['class="inlinechangelink"'],
    "one row": [],
    "views on site": ['href="/participations/', "b=&lt;2&gt;"],
    "hidden rows, read only": ['<td class="field-role">\n              \n                  <p>'],
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_meeting_change_page_layouts_are_the_pages_djangos_templates_write(
    admin_client, monkeypatch, rich_meeting, layout
):
    for owner, name, value in LAYOUTS[layout]:
        monkeypatch.setattr(owner, name, value)
    url = reverse("admin:archive_meeting_change", args=[rich_meeting.pk])
    quick, plain = _both_ways(monkeypatch, lambda: admin_client.get(url))
    assert quick == plain
    for shown in SHOWN[layout]:
        assert shown in quick


def test_review_queue_change_page_is_the_page_djangos_templates_write(admin_client, monkeypatch, rich_meeting):
    Meeting.objects.filter(pk=rich_meeting.pk).update(needs_review=True)
    url = reverse("admin:archive_meetingforreview_change", args=[rich_meeting.pk])
    quick, plain = _both_ways(monkeypatch, lambda: admin_client.get(url))
    assert quick == plain
    assert 'id="participations-group"' in quick
