"""QuickRenderer writes widgets, labels and error lists exactly as Django's templates do."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer

from archive.admin.rendering import QUICK

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
