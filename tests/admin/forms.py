"""POST data for an admin change form as the page rendered it, for tests to change a field or two."""

from archive.admin.widgets import TitlesField


def change_form_data(page, changes: dict | None = None) -> dict:
    """The fields and inline rows of a rendered change page, as the browser would post them back
    unchanged, with ``changes`` applied (``{"year": 2024, "participations-0-titles": "区长、副书记"}``)."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    for formset in page.context["inline_admin_formsets"]:
        formset = formset.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.total_form_count()
        data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        for f in formset.forms:
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if isinstance(field, TitlesField):
                    value = field.prepare_value(value)
                if value is None or value is False:
                    continue
                if isinstance(value, list | tuple):  # many-to-many: ids
                    value = [v.pk if hasattr(v, "pk") else v for v in value]
                data[f"{f.prefix}-{name}"] = value.pk if hasattr(value, "pk") else value
    data.update(changes or {})
    return data
