"""Curators load minutes from the admin (issue 15): several files or a ZIP of them, through the
same loader with the same options as ``load_minutes``, and its report on the page.

Limits are the loader's: each file at most ``MAX_BYTES`` and of a format intake reads (the
suffixes a directory walk picks up). A ZIP is checked from its directory before anything is
inflated (members, declared sizes, the ratio of a member's size to its packed size, as for a
Word file), then read member by member with a bound, so a ZIP whose directory lies costs no more.
Names in a ZIP made on Chinese Windows are GBK (no UTF-8 flag): read as such. Only staff with the
change permission on sources (curators) may use the page.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..intake import MAX_BYTES
from ..intake.read import SUFFIXES
from ..models import Meeting, SourceDocument
from ..pipeline.load import load_paths
from ..records.storable import max_length, year_range
from ..review import LABELS, ReasonKind

# At most this many documents in one upload: a bigger collection is a job for load_minutes.
MAX_FILES = 500
# A ZIP: its members, and what they inflate to in all (each member at most MAX_BYTES).
MAX_MEMBERS = 2_000
MAX_INFLATED = 200_000_000
MAX_RATIO = 200  # inflated/packed size of a member over 1 MB (a bomb's is in the thousands)
UTF8_FLAG = 0x800
# The loader's statuses (README, "Statuses") in the curator's words.
STATUS_LABELS = {
    "loaded": pgettext_lazy("load status", "loaded"),
    "unchanged": pgettext_lazy("load status", "unchanged: already in the archive"),
    "parsed": pgettext_lazy("load status", "checked (nothing written)"),
    "error": pgettext_lazy("load status", "not loaded"),
}


# Why the loader refused a file, in the curator's words, by what its sentence names: the loader
# (plain Python, no Django) writes one English sentence; the page shows this reason first and
# that sentence as the detail. First match wins, so the specific come before the general.
ERROR_REASONS = (
    (("the file is empty",), pgettext_lazy("load error", "the file is empty")),
    (
        ("the archive stores", "the archive cannot store"),
        pgettext_lazy("load error", "a value the archive cannot store"),
    ),
    (("--year",), pgettext_lazy("load error", "the year given is out of range")),
    (("encrypted",), pgettext_lazy("load error", "the file is encrypted")),
    (("binary",), pgettext_lazy("load error", "not a text file")),
    (("encoding", "not UTF-8", "charset="), pgettext_lazy("load error", "the text encoding is not recognised")),
    (("OCR", "Tesseract", "no text layer"), pgettext_lazy("load error", "a scan that could not be read")),
    (
        ("refused", "nested too deeply", "decompression bomb", "members", "pages, over"),
        pgettext_lazy("load error", "over the loader's limits"),
    ),
    (
        ("corrupt", "truncated", "cannot be read", "compression method", "not a Word file", "no word/document.xml"),
        pgettext_lazy("load error", "the file is damaged or not of its kind"),
    ),
    (("line ", "JSON Lines"), pgettext_lazy("load error", "a JSON Lines record cannot be read")),
    (
        ("not meeting minutes", "not minutes", "list of links", "no article", "holds no text"),
        pgettext_lazy("load error", "not meeting minutes"),
    ),
    (("page", "HTML"), pgettext_lazy("load error", "the web page cannot be read")),
)


def error_reason(sentence: str) -> str:
    """The curator's words for a refusal, from the loader's sentence ('' when none fits)."""
    for words, reason in ERROR_REASONS:
        if any(word in sentence for word in words):
            return str(reason)
    return ""


def warning_label(kind: str, message: str) -> str:
    """A warning as the review queue words it (年份不详, …), else the loader's own sentence."""
    try:
        return str(LABELS[ReasonKind(kind)])
    except (ValueError, KeyError):
        return message


class UploadError(ValueError):
    """The upload is refused as a whole; the message says why."""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented way)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("Minutes as text, web pages, .docx, PDF or JSON Lines files, or a ZIP of them."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        help_text=_("For minutes whose text and page give none (as load_minutes --year)."),
    )
    locality = forms.CharField(
        label=_("Locality"),
        required=False,
        max_length=max_length(Meeting, "locality"),
        help_text=_("For minutes that name no place (as load_minutes --locality), e.g. 柯桥区."),
    )
    dry_run = forms.BooleanField(label=_("Only check (write nothing)"), required=False)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        low, high = year_range()
        if year is not None and not low <= year <= high:
            raise forms.ValidationError(
                gettext("The year must lie between %(low)d and %(high)d.") % {"low": low, "high": high}
            )
        return year


@dataclass
class Row:
    """One document of the report, as the page shows it: a refusal's reason in the curator's
    words, then the loader's sentence; warnings as the review queue words them."""

    name: str
    status: str
    label: str
    error: str
    warnings: list[str]
    meeting_id: int | None
    reason: str = ""


def unpack(uploads, folder: Path, max_bytes: int = MAX_BYTES) -> tuple[list[Path], list[str]]:
    """Write the uploaded files (a ZIP's members) into ``folder``: the paths to load, and the names
    not loaded because no loader reads their format."""
    paths: list[Path] = []
    others: list[str] = []
    for upload in uploads:
        name = _safe_name(upload.name)
        if name.lower().endswith(".zip"):
            with upload.open("rb") as file, _open_zip(file, upload.name) as archive:
                _unpack_zip(archive, upload.name, folder, max_bytes, paths, others)
        elif _readable(name):
            if upload.size > max_bytes:
                raise UploadError(_too_large(upload.name, upload.size, max_bytes))
            paths.append(_write(folder, name, b"".join(upload.chunks())))
        else:
            others.append(upload.name)
        if len(paths) > MAX_FILES:
            raise UploadError(
                gettext("Over %(limit)d files: load such a collection with load_minutes.") % {"limit": MAX_FILES}
            )
    return paths, others


def _open_zip(file, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UploadError(
            gettext("%(name)s is not a readable ZIP file (%(reason)s).") % {"name": name, "reason": exc}
        ) from None


def _unpack_zip(archive, zip_name, folder, max_bytes, paths, others) -> None:
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise UploadError(
            gettext("%(name)s holds %(count)d files, over %(limit)d.")
            % {"name": zip_name, "count": len(members), "limit": MAX_MEMBERS}
        )
    total = sum(m.file_size for m in members)
    if total > MAX_INFLATED:
        raise UploadError(
            gettext("%(name)s would inflate to %(size)s bytes, over the limit of %(limit)s (a ZIP bomb?).")
            % {"name": zip_name, "size": f"{total:,}", "limit": f"{MAX_INFLATED:,}"}
        )
    for member in members:
        name = _member_name(member)
        if not _readable(name):
            others.append(f"{zip_name}: {name}")
            continue
        if member.file_size > max_bytes:
            raise UploadError(_too_large(f"{zip_name}: {name}", member.file_size, max_bytes))
        if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UploadError(
                gettext("%(name)s would inflate too many times (a ZIP bomb?).") % {"name": f"{zip_name}: {name}"}
            )
        try:
            with archive.open(member) as source:
                data = source.read(max_bytes + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
            raise UploadError(
                gettext("%(name)s cannot be unpacked (%(reason)s).") % {"name": f"{zip_name}: {name}", "reason": exc}
            ) from None
        except Exception as exc:  # noqa: BLE001 (zlib.error and the like: a damaged member)
            raise UploadError(
                gettext("%(name)s cannot be unpacked (%(reason)s).") % {"name": f"{zip_name}: {name}", "reason": exc}
            ) from None
        if len(data) > max_bytes:  # the directory understated it
            raise UploadError(_too_large(f"{zip_name}: {name}", len(data), max_bytes))
        paths.append(_write(folder, f"{Path(_safe_name(zip_name)).stem}/{name}", data))
        if len(paths) > MAX_FILES:
            raise UploadError(
                gettext("Over %(limit)d files: load such a collection with load_minutes.") % {"limit": MAX_FILES}
            )


def _member_name(member: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: without the UTF-8 flag Python read it as CP437,
    which on Chinese Windows was GBK. Only its safe parts (no '..', no root)."""
    name = member.filename
    if not member.flag_bits & UTF8_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):  # not GBK either: as read
            name = name.encode("cp437").decode("gb18030")
    return _safe_name(name)


def _safe_name(name: str) -> str:
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    cleaned = "/".join(p.replace("\x00", "") for p in parts)
    return cleaned or "unnamed"


def _readable(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES


def _too_large(name: str, size: int, max_bytes: int) -> str:
    return gettext("%(name)s is %(size)s bytes, over the limit of %(limit)s.") % {
        "name": name,
        "size": f"{size:,}",
        "limit": f"{max_bytes:,}",
    }


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    n = 1
    while path.exists():  # the same name twice (two ZIPs, or a ZIP and a file)
        path = folder / f"{Path(name).with_suffix('')}-{n}{Path(name).suffix}"
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def stored_path(request, name: str) -> str:
    """How an uploaded file's source names it: who uploaded it when, and its name."""
    return f"upload/{datetime.date.today().isoformat()}/{request.user.get_username()}/{name}"


def upload_view(model_admin, request):
    """The form, and after a submission the loader's report for each document."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    rows: list[Row] = []
    others: list[str] = []
    summary = None
    if request.method == "POST" and form.is_valid():
        options = form.cleaned_data
        with tempfile.TemporaryDirectory(prefix="minutes-upload-") as folder:
            try:
                paths, others = unpack(options["files"], Path(folder), MAX_BYTES)
            except UploadError as exc:
                form.add_error("files", str(exc))
                paths = []
            if paths:
                report = load_paths(
                    paths, year=options["year"], locality=options["locality"] or None, dry_run=options["dry_run"]
                )
                rows = [_row(result, folder) for result in report.results]
                _name_sources(request, report, folder)
                summary = {status: report.count(status) for status in ("loaded", "unchanged", "parsed", "error")}
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Upload minutes"),
        "form": form,
        "rows": rows,
        "others": others,
        "summary": summary,
        "max_bytes": MAX_BYTES,
        "max_files": MAX_FILES,
    }
    return TemplateResponse(request, "admin/archive/sourcedocument/upload.html", context)


def _relative(text: str, folder: str) -> str:
    return text.replace(folder + os.sep, "").replace(folder, "")


def _row(result, folder: str) -> Row:
    return Row(
        _relative(result.path, folder),
        result.status,
        str(STATUS_LABELS[result.status]),
        _relative(result.error or "", folder),
        [warning_label(w.kind.value, w.message) for w in result.warnings] if result.status != "error" else [],
        result.meeting_id,
        error_reason(result.error or ""),
    )


def _name_sources(request, report, folder: str) -> None:
    """The sources just stored keep the uploaded name, not the temporary folder's path."""
    for result in report.results:
        if result.status == "loaded":
            name = stored_path(request, _relative(result.path, folder))
            SourceDocument.objects.filter(sha256=result.sha256, path=result.path).update(path=name[:1024])
