"""Every label a curator sees is translated: the names and field labels of the models the admin
shows read in Chinese when the language is Chinese (a field without a marked verbose_name shows
its attribute name, "OFFICIAL", in an otherwise Chinese admin)."""

import re

import pytest
from django.contrib import admin
from django.utils import translation

CJK = re.compile(r"[\u4e00-\u9fff]")


def _labels():
    for model in admin.site._registry:
        if model._meta.app_label != "archive":
            continue
        yield f"{model.__name__} (name)", lambda m=model: m._meta.verbose_name
        yield f"{model.__name__} (plural)", lambda m=model: m._meta.verbose_name_plural
        for field in model._meta.get_fields():
            if field.auto_created or not field.concrete or field.primary_key:
                continue
            yield f"{model.__name__}.{field.name}", lambda f=field: f.verbose_name


@pytest.mark.parametrize(("where", "label"), list(_labels()), ids=lambda v: v if isinstance(v, str) else "")
def test_labels_read_in_chinese(where, label):
    with translation.override("zh-hans"):
        text = str(label())
    assert CJK.search(text), f"{where}: {text!r} is not translated"
