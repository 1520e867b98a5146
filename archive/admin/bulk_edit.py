"""The meetings list's action *Set fields on selected meetings*: place, division, year or body on
many meetings at once, as a form edit would set them on each (history, locked fields); and the
review queue's *Assign*."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Division, Meeting
from ..models.meetings import date_errors
from .places import place_of


class SetMeetingFieldsForm(forms.Form):
    locality = forms.CharField(
        label=_("locality"),
        required=False,
        max_length=Meeting._meta.get_field("locality").max_length,
        help_text=_("e.g. 安吉县; its division is found from it unless you choose one."),
    )
    division = forms.ModelChoiceField(Division.objects.all(), label=_("division"), required=False)
    year = forms.IntegerField(label=_("year"), required=False)
    body = forms.CharField(label=_("body"), required=False, max_length=Meeting._meta.get_field("body").max_length)

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        division.widget = AutocompleteSelect(Meeting._meta.get_field("division"), admin_site)
        division.widget.choices = division.choices  # as the field gives its own widget

    def clean_year(self):
        year = self.cleaned_data["year"]
        error = date_errors(year, None, None).get("year")
        if error:
            raise ValidationError(error)
        return year

    def clean(self):
        data = super().clean()
        locality, division = data.get("locality", "").strip(), data.get("division")
        if locality and division is None and "locality" not in self.errors:
            try:
                data["division"] = place_of(locality, data.get("year"))
            except ValidationError as error:
                self.add_error("locality", error)
        elif division is not None and not locality:
            data["locality"] = division.name
        if not self.values() and not self.errors:
            raise ValidationError(_("Fill in at least one field to set."))
        return data

    def values(self) -> dict:
        """The fields to set, as Meeting attributes: those filled in."""
        data = getattr(self, "cleaned_data", {})
        values = {
            name: data[name] for name in ("locality", "division", "year", "body") if data.get(name) not in (None, "")
        }
        return values


def set_fields_context(model_admin, request, queryset, form) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "title": _("Set fields on selected meetings"),
        "form": form,
        "media": model_admin.media + form.media,
        "meetings": queryset,
        "count": queryset.count(),
        "opts": model_admin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }


def curators():
    """Who may be given meetings to review: active staff who may change meetings."""
    can_change = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_meeting")
        | Q(user_permissions__codename="change_meeting")
    )
    return get_user_model().objects.filter(can_change, is_active=True, is_staff=True).distinct().order_by("username")


class AssignForm(forms.Form):
    """The review queue's action *Assign*: to a curator, or to nobody."""

    curator = forms.ModelChoiceField(
        curators(),
        label=_("assigned to"),
        required=False,
        empty_label=_("nobody (unassign)"),
        help_text=_("The meetings go to this curator to review; recorded in each meeting's history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = curators()  # as of now, not as of start-up
