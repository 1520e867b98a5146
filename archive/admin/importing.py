"""The confirm step of an admin import, safe against forged form fields.

import-export keeps the uploaded file in a temporary folder between the preview and the
confirmation, and the confirmation form sends the file's name back. A forged name used to
reach any file in /tmp (read, then deleted) or give a 500. Here files live in a folder of
their own under random names this server chose, and a name, format or resource that is not
one of ours is a form error.
"""

import re
import tempfile
import uuid
from pathlib import Path

from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm
from import_export.tmp_storages import TempFolderStorage

IMPORT_FOLDER = Path(tempfile.gettempdir()) / "minutes-archive-imports"
FILE_NAME = re.compile(r"[0-9a-f]{32}")
UNKNOWN_FILE = _("This import file is unknown or was already imported; upload it again.")


def import_file_path(name: str) -> Path:
    if not FILE_NAME.fullmatch(name or ""):
        raise SuspiciousFileOperation(f"not an import file name: {name!r}")
    return IMPORT_FOLDER / name


class ImportFileStorage(TempFolderStorage):
    """Uploaded files wait here, named by a random hex string, until the import is confirmed."""

    def save(self, data):
        IMPORT_FOLDER.mkdir(mode=0o700, exist_ok=True)
        self.name = uuid.uuid4().hex
        path = import_file_path(self.name)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding=self.encoding or "utf-8")

    def get_full_path(self):
        return str(import_file_path(self.name))


class SafeConfirmImportForm(ConfirmImportForm):
    """Accepts only a waiting file of ours and a format and resource the admin offers."""

    def __init__(self, *args, format_count: int, resource_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.format_count, self.resource_count = format_count, resource_count

    def clean_import_file_name(self):
        name = self.cleaned_data["import_file_name"]
        if not FILE_NAME.fullmatch(name) or not import_file_path(name).is_file():
            raise forms.ValidationError(UNKNOWN_FILE)
        return name

    def clean_format(self):
        return self._index("format", self.format_count, required=True)

    def clean_resource(self):
        return self._index("resource", self.resource_count, required=False)

    def _index(self, field: str, count: int, required: bool) -> str:
        value = self.cleaned_data[field]
        if not value and not required:
            return value
        if not (value.isascii() and value.isdigit() and int(value) < count):
            raise forms.ValidationError(_("Not one of the choices offered."))
        return value
