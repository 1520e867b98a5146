"""Widgets of inline rows rendered in Python.

A meeting's change page renders some 180 widgets (a dozen participations and their agenda items,
each row eight fields), each with its label and error list; through Django's form templates
that was more than half of the page's time. ``QuickRenderer`` writes the plain ones (inputs,
checkboxes, selects, textareas, labels, empty error lists) and the admin's wrapper of a foreign
key's widget (its change/add/delete/view links) as those templates do, character for character
(tests/admin/test_rendering.py compares them, and the whole change page both ways), and hands
every other template to Django. A project template overriding one of these would be ignored.
Forms opt in with ``default_renderer = QUICK`` (an instance: a class would build a template
engine for every form).
"""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.templatetags.static import static
from django.utils.html import conditional_escape
from django.utils.translation import gettext

INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "hidden", "checkbox", "email", "url", "password")
}
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
LABEL = "django/forms/label.html"
ERROR_LISTS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
RELATED_WRAPPER = "admin/widgets/related_widget_wrapper.html"


def quick_escape(value) -> str:
    """Django's ``conditional_escape``, without ``keep_lazy``'s look at every argument for the
    plain strings most values are (a microsecond each, some 2,000 a page)."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{quick_escape(value)}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{quick_escape(value)}"'
    kind, name = quick_escape(widget["type"]), quick_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _option(option: dict) -> str:
    return (
        f'<option value="{quick_escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{quick_escape(option['label'])}</option>"
    )


def _select(widget: dict) -> str:
    out = [f'<select name="{quick_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{quick_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name", OPTION) != OPTION:
                return ""  # a custom option template: leave the whole select to Django
            out.append("\n  " + _option(option) + "\n")  # the option template ends in a newline
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{quick_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{quick_escape(value) if value else ''}</textarea>"
    )


def _label(context: dict) -> str:
    label = quick_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = context["tag"]
    return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"


def _related_link(kind: str, name: str, url: str, title: str) -> str:
    """One of the wrapper's links (change, add, delete, view), as its template writes it."""
    if kind == "add":
        attrs = ['data-popup="yes"', f'href="{url}"']
    else:
        attrs = [f'data-href-template="{url}"'] + ([] if kind == "view" else ['data-popup="yes"'])
    indent = "\n" + " " * (13 if kind == "view" else 12)
    icon = quick_escape(static(f"admin/img/icon-{kind}link.svg"))
    return (
        f'<a class="related-widget-wrapper-link {kind}-related" id="{kind}_id_{name}"'
        f'{"".join(indent + a for a in attrs)}{indent}title="{title}">'
        f'<img src="{icon}" alt="" width="24" height="24"></a>'
    )


def _related_widget_wrapper(context: dict) -> str:
    """admin/widgets/related_widget_wrapper.html: a foreign key's widget and the links to change,
    add, delete or view the related record that the admin allows."""
    e = quick_escape
    name, params = e(context["name"]), e(context["url_params"])
    links = []
    if not context["is_hidden"]:
        model = {"model": e(context["model"])}
        if context["can_change_related"]:
            url = f"{e(context['change_related_template_url'])}?{params}"
            links.append(_related_link("change", name, url, gettext("Change selected %(model)s") % model))
        if context["can_add_related"]:
            url = f"{e(context['add_related_url'])}?{params}"
            links.append(_related_link("add", name, url, gettext("Add another %(model)s") % model))
        if context["can_delete_related"]:
            url = f"{e(context['delete_related_template_url'])}?{params}"
            links.append(_related_link("delete", name, url, gettext("Delete selected %(model)s") % model))
        if context["can_view_related"]:
            url = f"{e(context['change_related_template_url'])}?{e(context['view_related_url_params'])}"
            links.append(_related_link("view", name, url, gettext("View selected %(model)s") % model))
    model_ref = "" if context["model_has_limit_choices_to"] else f'data-model-ref="{e(context["model_name"])}"'
    # The template's whitespace; {% spaceless %} joins the links; renderers strip the whole.
    return (
        f'<div class="related-widget-wrapper" {model_ref}>\n    {e(context["rendered_widget"])}\n    \n        '
        f"{''.join(links)}\n    \n</div>"
    )


class QuickRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in ERROR_LISTS and not context.get("errors"):
            return ""  # every field renders its (almost always empty) error list
        if template_name == LABEL:
            return _label(context)
        if template_name == RELATED_WRAPPER:
            return _related_widget_wrapper(context)
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                return _input(widget)
            if template_name == TEXTAREA:
                return _textarea(widget)
            if template_name == SELECT:
                html = _select(widget)
                if html:
                    return html
        return super().render(template_name, context, request)


QUICK = QuickRenderer()
