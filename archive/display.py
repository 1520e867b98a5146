"""A stored value as a curator reads it: a choice by its label (列席, not attendee), yes/no for a
flag, a list joined with 、, nothing as —. The admin's history, its import preview and the
re-parse message all show values through ``shown``, so none of them prints a Python value
(``None``, ``False``, ``['区长']``)."""

from __future__ import annotations

import datetime
import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .review import reasons_from_stored

NOTHING = "—"


@functools.cache
def model_field(model, name: str):
    """The model's own field ``name`` (or attname); None for none, or a relation from another model."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") else None


def shown(model, name: str, value) -> str:
    """``value`` of ``model``'s field ``name`` (or of no field: then by its type) as text."""
    field = model_field(model, name)
    if value is None or value == "" or value == []:
        return NOTHING
    if field is not None and field.choices and not isinstance(value, list | dict):
        return str(_choices(field).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "locked_fields" and model.__name__ in ("Meeting", "MeetingForReview"):
        return "、".join(verbose(model, n) for n in value)
    if name == "review_reasons" and isinstance(value, list):
        return "；".join(reason.label() for reason in reasons_from_stored(value))
    if isinstance(value, list | tuple):
        return "、".join(_item(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{_item(item)}" for key, item in value.items())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


@functools.cache
def _choices(field) -> dict:
    """A field's choices, value to (lazy) label: built once, not per value shown (an import's
    preview shows thousands)."""
    return dict(field.flatchoices)


def _item(item) -> str:
    if isinstance(item, dict):
        return "；".join(f"{key}：{value}" for key, value in item.items())
    return NOTHING if item is None else str(item)


def verbose(model, name: str) -> str:
    field = model_field(model, name)
    return str(field.verbose_name) if field is not None else name
