"""The meeting page's fieldsets and inlines written in Python.

With the widgets written in Python (``rendering.QuickRenderer``), the admin's templates that lay
them out were the largest part of a meeting's change page: ``admin/includes/fieldset.html`` (each
agenda item, each fieldset of the meeting) and ``admin/edit_inline/tabular.html`` (each
participation) resolve some twenty variables and conditions a field through the template engine,
about 12 ms of the page's 45 (a dozen participations and five agenda items). ``QuickTemplate``
writes the same HTML in Python, character for character: tests/admin/test_rendering.py renders
the change page both ways, for a curator, a viewer, a form with errors and layouts the page does
not use (collapsed, described, read-only columns, views on site). It is handed to
``{% include %}``, which renders any object with a ``render(context)`` method: as an inline's
``template`` and, for the meeting's own fieldsets, by ``admin/archive/meeting/quick_change_form.html``.
What it does not write (an inline's change links) it leaves to Django's template. A project
template overriding one of these would be ignored.
"""

from __future__ import annotations

import html

import django
from django.template.defaultfilters import capfirst, striptags
from django.templatetags.static import static
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext


def _show(value) -> str:
    """``{{ value }}``: localised, escaped unless safe."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(localize(value))


def _capfirst(value) -> str:
    """``{{ value|capfirst }}``."""
    shown = capfirst(value)
    return shown if isinstance(value, SafeData) else conditional_escape(shown)


def _striptags(value) -> str:
    """``{{ value|striptags }}``."""
    shown = striptags(value)
    return shown if isinstance(value, SafeData) else conditional_escape(shown)


# ``field.field`` is a BoundField for an AdminField, a dict for an AdminReadonlyField.


def _name(field) -> str:
    inner = field.field
    return inner["name"] if isinstance(inner, dict) else inner.name


def _is_hidden(field) -> bool:
    inner = field.field
    return inner["is_hidden"] if isinstance(inner, dict) else inner.is_hidden


def _help_text(field):
    inner = field.field
    return inner["help_text"] if isinstance(inner, dict) else inner.help_text


def _id_for_label(field):
    inner = field.field
    return "" if isinstance(inner, dict) else inner.id_for_label


# The Django whose admin templates these write, character for character. Another writes them
# otherwise (Django 6.0 moved a fieldset's multi-field rows and wrapped the tabular inline's
# table), so under it Django's own templates render the page, as they would without this module.
MIRRORED = (5, 2)


class QuickTemplate:
    """Stands for the Django template ``template_name`` in ``{% include %}``, writing its HTML in
    Python (``write``) where it can (``writes``) under the Django it mirrors, and rendering the
    template elsewhere."""

    template_name = ""

    def render(self, context) -> str:
        if django.VERSION[:2] != MIRRORED or not self.writes(context):
            return self.as_django(context)
        return mark_safe("".join(self.write(context)))  # noqa: S308 - every piece escaped as the template does

    def as_django(self, context) -> str:
        return context.template.engine.get_template(self.template_name).render(context)

    def writes(self, context) -> bool:
        return True

    def write(self, context):
        raise NotImplementedError

    def __str__(self):
        return self.template_name


class Fieldset(QuickTemplate):
    """admin/includes/fieldset.html: ``fieldset``, ``heading_level``, ``prefix``, ``id_prefix`` and
    ``id_suffix`` from the context."""

    template_name = "admin/includes/fieldset.html"

    def write(self, context):
        return write_fieldset(
            context["fieldset"],
            context.get("heading_level"),
            context.get("prefix", ""),
            context.get("id_prefix", ""),
            context.get("id_suffix", ""),
        )


def write_fieldset(fieldset, heading_level, prefix, id_prefix, id_suffix):
    out = [f'<fieldset class="module aligned {_show(fieldset.classes)}"']
    if fieldset.name:
        out.append(f' aria-labelledby="{_show(prefix)}-{_show(id_prefix)}-{_show(id_suffix)}-heading"')
    out.append(">\n    ")
    if fieldset.name:
        level = _show(heading_level or 2)
        out.append("\n        ")
        if fieldset.is_collapsible:
            out.append("<details><summary>")
        out.append(
            f'\n        <h{level} id="{_show(prefix)}-{_show(id_prefix)}-{_show(id_suffix)}-heading" '
            f'class="fieldset-heading">{_show(fieldset.name)}</h{level}>\n        '
        )
        if fieldset.is_collapsible:
            out.append("</summary>")
        out.append("\n    ")
    out.append("\n    ")
    if fieldset.description:
        description = mark_safe(str(fieldset.description))  # noqa: S308 - the template's |safe
        out.append(f'\n        <div class="description">{description}</div>\n    ')
    out.append("\n    ")
    for line in fieldset:
        out.extend(_write_line(line))
    out.append("\n    ")
    if fieldset.name and fieldset.is_collapsible:
        out.append("</details>")
    out.append("\n</fieldset>\n")
    return out


def _write_line(line):
    fields = list(line)
    single = len(line.fields) == 1
    out = ['\n        <div class="form-row']
    if single and line.errors():
        out.append(" errors")
    if not line.has_visible_field:
        out.append(" hidden")
    for field in fields:
        if _name(field):
            out.append(f" field-{_show(_name(field))}")
    out.append('">\n            ')
    out.append(_show(line.errors()) if single else '<div class="flex-container form-multiline">')
    out.append("\n            ")
    for field in fields:
        out.append("\n                <div>\n                    ")
        if not single and not field.is_readonly:
            out.append(_show(field.errors()))
        out.append('\n                        <div class="flex-container')
        if not single:
            out.append(" fieldBox")
            if _name(field):
                out.append(f" field-{_show(_name(field))}")
            if not field.is_readonly and field.errors():
                out.append(" errors")
            if _is_hidden(field):
                out.append(" hidden")
        if field.is_checkbox:
            out.append(" checkbox-row")
        out.append('">\n                            ')
        if field.is_checkbox:
            out.append(
                f"\n                                {_show(field.field)}{_show(field.label_tag())}\n                            "
            )
        else:
            out.append(
                f"\n                                {_show(field.label_tag())}\n                                "
            )
            if field.is_readonly:
                out.append(
                    f'\n                                    <div class="readonly">{_show(field.contents())}</div>\n'
                )
            else:
                out.append(f"\n                                    {_show(field.field)}\n")
            out.append("                                \n                            ")
        out.append("\n                        </div>\n                    ")
        help_text = _help_text(field)
        if help_text:
            out.append('\n                        <div class="help')
            if _is_hidden(field):
                out.append(" hidden")
            out.append('"')
            id_for_label = _id_for_label(field)
            if id_for_label:
                out.append(f' id="{_show(id_for_label)}_helptext"')
            help_html = mark_safe(str(help_text))  # noqa: S308 - the template's |safe
            out.append(f">\n                            <div>{help_html}</div>\n                        </div>\n")
            out.append("                    ")
        out.append("\n                </div>\n            ")
    out.append("\n            ")
    if not single:
        out.append("</div>")
    out.append("\n        </div>\n    ")
    return out


FIELDSET = Fieldset()


class Inline(QuickTemplate):
    """An inline's template (``InlineModelAdmin.template``): its formset is the context's
    ``inline_admin_formset``; written unless the inline links each row to its change page."""

    def writes(self, context) -> bool:
        return not context["inline_admin_formset"].opts.show_change_link

    def write(self, context):
        formset = context["inline_admin_formset"]
        forloop = context.get("forloop") or {}
        return self.write_formset(formset, forloop.get("last", False))

    def write_formset(self, inline_formset, last):
        raise NotImplementedError


def _heading(inline_formset) -> str:
    opts = inline_formset.opts
    name = opts.verbose_name if inline_formset.formset.max_num == 1 else opts.verbose_name_plural
    return f"\n    {_capfirst(name)}\n  "


class Tabular(Inline):
    template_name = "admin/edit_inline/tabular.html"

    def write_formset(self, inline_formset, last):
        formset, prefix = inline_formset.formset, _show(inline_formset.formset.prefix)
        collapsible = inline_formset.is_collapsible
        out = [
            f'\n<div class="js-inline-admin-formset inline-group" id="{prefix}-group"\n'
            '     data-inline-type="tabular"\n'
            f'     data-inline-formset="{_show(inline_formset.inline_formset_data())}">\n'
            f'  <div class="tabular inline-related {"last-related" if last else ""}">\n'
            f"{_show(formset.management_form)}\n"
            f'<fieldset class="module {_show(inline_formset.classes)}" aria-labelledby="{prefix}-heading">\n  ',
            "<details><summary>" if collapsible else "",
            f'\n  <h2 id="{prefix}-heading" class="inline-heading">\n  {_heading(inline_formset)}\n  </h2>\n  ',
            "</summary>" if collapsible else "",
            f"\n   {_show(formset.non_form_errors())}\n"
            "   <table>\n"
            "     <thead><tr>\n"
            '       <th class="original"></th>\n     ',
        ]
        for field in inline_formset.fields():
            widget = field["widget"]
            hidden = widget["is_hidden"] if isinstance(widget, dict) else widget.is_hidden
            out.append(
                f'\n       <th class="column-{_show(field["name"])}'
                f"{' required' if field['required'] else ''}{' hidden' if hidden else ''}"
                f'">{_capfirst(field["label"])}\n       '
            )
            if field["help_text"]:
                help_text = _striptags(field["help_text"])
                out.append(
                    f'<img src="{_show(static("admin/img/icon-unknown.svg"))}" class="help help-tooltip" '
                    f'width="10" height="10" alt="({help_text})" title="{help_text}">'
                )
            out.append("\n       </th>\n     ")
        deletes = formset.can_delete and inline_formset.has_delete_permission
        out.append(
            f"\n     <th>{_show(gettext('Delete?')) if deletes else ''}</th>\n     </tr></thead>\n\n     <tbody>\n     "
        )
        forms = list(inline_formset)
        for counter0, inline_form in enumerate(forms):
            out.extend(self._write_row(inline_formset, inline_form, counter0, counter0 == len(forms) - 1, deletes))
        out.append("\n     </tbody>\n   </table>\n  ")
        if collapsible:
            out.append("</details>")
        out.append("\n</fieldset>\n  </div>\n</div>\n")
        return out

    def _write_row(self, inline_formset, inline_form, counter0, last, deletes):
        from django.contrib.admin.templatetags.admin_modify import cell_count

        prefix = _show(inline_formset.formset.prefix)
        original, show_url = inline_form.original, inline_form.show_url
        empty = last and inline_formset.has_add_permission
        out = ["\n        "]
        non_field_errors = inline_form.form.non_field_errors()
        if non_field_errors:
            out.append(
                f'\n        <tr class="row-form-errors"><td colspan="{_show(cell_count(inline_form))}">'
                f"{_show(non_field_errors)}</td></tr>\n        "
            )
        out.append(
            f'\n        <tr class="form-row {"has_original" if original or show_url else ""}'
            f'{" empty-form" if empty else ""}"\n'
            f'             id="{prefix}-{"empty" if empty else _show(counter0)}">\n'
            '        <td class="original">\n          '
        )
        if original or show_url:
            out.append("<p>\n          ")
            if original:
                out.append(f"\n          {_show(original)}\n          \n          ")
            out.append("\n          ")
            if show_url:
                out.append(f'<a href="{_show(inline_form.absolute_url)}">{_show(gettext("View on site"))}</a>')
            out.append("\n            </p>")
        out.append("\n          ")
        if inline_form.needs_explicit_pk_field():
            out.append(_show(inline_form.pk_field().field))
        out.append("\n          ")
        fk_field = inline_form.fk_field()
        if fk_field:
            out.append(_show(fk_field.field))
        out.append("\n        </td>\n        ")
        for fieldset in inline_form:
            out.append("\n          ")
            for line in fieldset:
                out.append("\n            ")
                for field in line:
                    name = _name(field)
                    out.append(
                        f'\n              <td class="{f"field-{_show(name)}" if name else ""}'
                        f'{" hidden" if _is_hidden(field) else ""}">\n              '
                    )
                    if field.is_readonly:
                        out.append(f"\n                  <p>{_show(field.contents())}</p>\n              ")
                    else:
                        errors = _show(field.field.errors.as_ul())
                        out.append(
                            f"\n                  {errors}\n                  {_show(field.field)}\n              "
                        )
                    out.append("\n              </td>\n            ")
                out.append("\n          ")
            out.append("\n        ")
        delete = _show(inline_form.deletion_field().field) if deletes and original else ""
        out.append(f'\n        <td class="delete">{delete}</td>\n        </tr>\n     ')
        return out


class Stacked(Inline):
    template_name = "admin/edit_inline/stacked.html"

    def write_formset(self, inline_formset, last):
        formset, prefix = inline_formset.formset, _show(inline_formset.formset.prefix)
        collapsible = inline_formset.is_collapsible
        out = [
            '\n<div class="js-inline-admin-formset inline-group"\n'
            f'     id="{prefix}-group"\n'
            '     data-inline-type="stacked"\n'
            f'     data-inline-formset="{_show(inline_formset.inline_formset_data())}">\n'
            f'<fieldset class="module {_show(inline_formset.classes)}" aria-labelledby="{prefix}-heading">\n  ',
            "<details><summary>" if collapsible else "",
            f'\n  <h2 id="{prefix}-heading" class="inline-heading">\n  {_heading(inline_formset)}\n  </h2>\n  ',
            "</summary>" if collapsible else "",
            f"\n{_show(formset.management_form)}\n{_show(formset.non_form_errors())}\n\n",
        ]
        deletes = formset.can_delete and inline_formset.has_delete_permission
        label = _capfirst(inline_formset.opts.verbose_name)
        forms = list(inline_formset)
        for counter0, inline_form in enumerate(forms):
            original, show_url = inline_form.original, inline_form.show_url
            empty = counter0 == len(forms) - 1 and inline_formset.has_add_permission
            out.append(
                f'<div class="inline-related{" has_original" if original or show_url else ""}'
                f'{" empty-form last-related" if empty else ""}" id="{prefix}-{"empty" if empty else _show(counter0)}">\n'
                f'  <h3><b>{label}:</b> <span class="inline_label">'
                f"{f'{_show(original)}{chr(10)}' if original else f'#{_show(counter0 + 1)}'}</span>\n      "
            )
            if show_url:
                out.append(f'<a href="{_show(inline_form.absolute_url)}">{_show(gettext("View on site"))}</a>')
            out.append("\n    ")
            if deletes and original:
                deletion = inline_form.deletion_field()
                out.append(f'<span class="delete">{_show(deletion.field)} {_show(deletion.label_tag())}</span>')
            out.append("\n  </h3>\n  ")
            non_field_errors = inline_form.form.non_field_errors()
            if non_field_errors:
                out.append(_show(non_field_errors))
            out.append("\n\n  \n    ")
            for id_suffix, fieldset in enumerate(inline_form):
                out.append("\n      ")
                out.extend(write_fieldset(fieldset, 4, fieldset.formset.prefix, counter0, id_suffix))
                out.append("\n    ")
            out.append("\n  \n\n  ")
            if inline_form.needs_explicit_pk_field():
                out.append(_show(inline_form.pk_field().field))
            out.append("\n  ")
            fk_field = inline_form.fk_field()
            if fk_field:
                out.append(_show(fk_field.field))
            out.append("\n</div>")
        out.append("\n  ")
        if collapsible:
            out.append("</details>")
        out.append("\n</fieldset>\n</div>\n")
        return out


TABULAR, STACKED = Tabular(), Stacked()
