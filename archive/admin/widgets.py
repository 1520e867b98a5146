"""Form fields for the admin: a participation's titles as one line of text."""

from __future__ import annotations

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Participation

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

    class Meta:
        model = Participation
        # Every field; the admin narrows them to those it shows.
        fields = ["meeting", "official", "name", "name_as_written", "role", "titles", "order"]
        fields += ["start", "end", "raw_start", "raw_end", "curated"]
