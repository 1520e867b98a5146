"""Form fields and widgets for the admin: a participation's titles as one line of text;
autocomplete widgets that label what a row already holds without a query per row."""

from __future__ import annotations

import json
import re

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..models import AgendaItem, Meeting, Participation
from .places import place_of
from .rendering import QUICK

SEPARATOR = "、"
# What people type between titles: the enumeration comma, commas, semicolons, in either width.
SEPARATORS = re.compile(r"\s*[、,，;；]\s*")
MAX_TITLES = 20
MAX_TITLE_LENGTH = 100


class TitlesField(forms.Field):
    """A list of strings (``Participation.titles``) edited as one line: ``区委书记、区长``.

    Titles are split at 、 , ， ; ；, each trimmed, empties dropped; a JSON list (``["区长"]``, as
    the admin used to show them) is read as a list too. Shown joined by 、, and compared the same
    way, so saving an untouched row does not count as an edit (which would mark it curated)."""

    widget = forms.TextInput(attrs={"class": "titles-input", "size": 24, "autocomplete": "off"})
    default_error_messages = {
        "too_many": _("At most %(max)d titles."),
        "too_long": _("A title is at most %(max)d characters: %(title)s"),
        "bad_json": _("Write the titles separated by 、, not as JSON."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Posts written before the name, in order, separated by 、 (e.g. 区委书记、区长).")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return SEPARATOR.join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, list | tuple):
            items = [str(v) for v in value]
        else:
            text = str(value).strip()
            if text.startswith(("[", "{")):
                try:
                    items = json.loads(text)
                except ValueError:
                    raise ValidationError(self.error_messages["bad_json"], code="bad_json") from None
                if not isinstance(items, list):
                    raise ValidationError(self.error_messages["bad_json"], code="bad_json")
                items = [str(v) for v in items]
            else:
                items = SEPARATORS.split(text)
        return [" ".join(item.split()) for item in items if item and item.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_TITLES:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"max": MAX_TITLES})
        for title in value:
            if len(title) > MAX_TITLE_LENGTH:
                raise ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"max": MAX_TITLE_LENGTH, "title": title[:20] + "…"},
                )

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(self.prepare_value(initial or [])) != self.to_python(data)
        except ValidationError:
            return True


class ParticipationForm(forms.ModelForm):
    titles = TitlesField(label=_("titles"))
    default_renderer = QUICK

    class Meta:
        model = Participation
        # Every field; the admin narrows them to those it shows.
        fields = ["meeting", "official", "name", "name_as_written", "role", "titles", "order"]
        fields += ["start", "end", "raw_start", "raw_end", "curated"]


class AgendaItemForm(forms.ModelForm):
    default_renderer = QUICK

    class Meta:
        model = AgendaItem
        fields = ["meeting", "order", "title", "text", "kind", "documents", "curated"]


class MeetingForm(forms.ModelForm):
    default_renderer = QUICK

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hand_known(self)  # the division, fetched with the meeting (MeetingAdmin.get_object)

    class Meta:
        model = Meeting
        # The fields curators edit; the admin takes those of its fieldsets.
        fields = ["year", "month", "day", "part_of_day", "body", "session_number", "locality", "division"]
        fields += ["needs_review"]

    # Set by clean when the division came from a changed locality: the admin locks it as edited.
    division_from_locality = False

    def clean(self):
        """A locality changed without a division finds its division (as an import and the Set
        fields action do); one that names no division, or several, is refused saying which."""
        data = super().clean()
        if "locality" in self.changed_data and "division" not in self.changed_data and "locality" in data:
            try:
                data["division"] = place_of(data["locality"], data.get("year") or self.instance.year)
                self.instance.division = data["division"]
                self.division_from_locality = True
            except ValidationError as error:
                self.add_error("locality", error)
        return data


class ValidChoicesMixin:
    """An autocomplete re-rendering a form whose value is no valid id ("abc", posted by hand)
    shows nothing selected; Django's widget looked "abc" up in an integer column (a 500)."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.get_related_field()
        return super().optgroups(name, [v for v in value if _is_valid(target, v)], attr)


def _is_valid(field, value) -> bool:
    try:
        field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class SafeAutocompleteSelect(ValidChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidChoicesMixin, AutocompleteSelectMultiple):
    pass


class KnownChoicesMixin:
    """An autocomplete widget renders only its selected options, but looks each up by id: a query
    for every row of an inline (twelve participations, twelve queries). Given the objects the row
    already holds (``known``, set by ``KnownChoicesFormSet``), it labels them without a query."""

    known: dict[str, object] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.urls = {}  # shared by the copies each row makes (the widget is built for each request)

    def get_url(self):
        if "autocomplete" not in self.urls:  # one reverse() for the column, not one a row
            self.urls["autocomplete"] = super().get_url()
        return self.urls["autocomplete"]

    def render(self, name, value, attrs=None, renderer=None):
        # The admin's RelatedFieldWidgetWrapper renders the widget it wraps with Django's
        # templates, whatever the form's renderer: a millisecond for each select's attributes.
        return super().render(name, value, attrs, renderer or QUICK)

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        # Nothing selected (a new row, an empty field) needs nothing looked up.
        if selected and (self.known is None or not selected <= self.known.keys()):
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            label = self.choices.field.label_from_instance(self.known[pk])
            default[1].append(self.create_option(name, pk, label, selected, len(default[1])))
        return [default]


class KnownAutocompleteSelect(KnownChoicesMixin, SafeAutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, SafeAutocompleteSelectMultiple):
    pass


class KnownChoicesFormSet(BaseInlineFormSet):
    """Hands each row's autocomplete widgets the objects the row holds: a foreign key fetched with
    select_related, a many-to-many prefetched (the inline's get_queryset does both). Its
    management form's hidden inputs render in Python too."""

    def __init__(self, *args, **kwargs):
        self.renderer = self.renderer or QUICK  # inlineformset_factory sets None: Django's templates
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        return hand_known(super()._construct_form(i, **kwargs))

    @cached_property
    def empty_form(self):
        """The template of a new row, built once: Django builds it again wherever it is read (the
        page's media, the inline's column headings and its rows: three forms for one)."""
        return super().empty_form


def hand_known(form):
    """Hands ``form``'s autocomplete widgets the objects its instance holds (``_held``)."""
    instance = form.instance
    if instance.pk is None:
        return form
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside RelatedFieldWidgetWrapper
        if isinstance(widget, KnownChoicesMixin):
            widget.known = _held(instance, name)
    return form


def _held(instance, name: str) -> dict[str, object] | None:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        prefetched = getattr(instance, "_prefetched_objects_cache", {})
        if name not in prefetched:
            return None
        return {str(o.pk): o for o in prefetched[name]}
    if field.is_cached(instance):
        related = getattr(instance, name)
        return {str(related.pk): related} if related is not None else {}
    return None


class QuickRelatedFieldWidgetWrapper(RelatedFieldWidgetWrapper):
    """The admin's wrapper (a foreign key's widget and its links), reversing each link's URL once
    for the column rather than once a row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.urls = {}  # shared by the copies each row makes (the widget is built for each request)

    def get_related_url(self, info, action, *args):
        key = (info, action, args)
        if key not in self.urls:
            self.urls[key] = super().get_related_url(info, action, *args)
        return self.urls[key]


class QuickAutocomplete:
    """An admin (or inline) whose autocomplete widgets render in Python, label the objects they
    are handed (``known``) without a query, and build their links' URLs once a column."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        wrapper = getattr(field, "widget", None)
        if type(wrapper) is RelatedFieldWidgetWrapper:
            field.widget = QuickRelatedFieldWidgetWrapper(
                wrapper.widget,
                wrapper.rel,
                wrapper.admin_site,
                can_add_related=wrapper.can_add_related,
                can_change_related=wrapper.can_change_related,
                can_delete_related=wrapper.can_delete_related,
                can_view_related=wrapper.can_view_related,
            )
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class KnownChoicesInline(QuickAutocomplete):
    """An inline whose autocomplete widgets use ``KnownChoicesFormSet``'s objects."""

    formset = KnownChoicesFormSet
