"""Releases on the site: the list at /releases/, each stored file as it was written, and the whole
archive's ZIP at its old address (the latest release's). Files are streamed from disk
(FileResponse): nothing is built per request."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from .releases import ZIP_FILE, release_file, releases

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".zip": "application/zip",
    ".sqlite": "application/vnd.sqlite3",
    ".txt": "text/plain; charset=utf-8",
}


def release_list(request):
    return render(request, "archive/release_list.html", {"releases": releases()})


def _stream(path, download_name: str) -> FileResponse:
    content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path.open("rb"), as_attachment=True, filename=download_name, content_type=content_type)


def release_download(request, name, file):
    path = release_file(name, file)
    if path is None or not path.is_file():
        raise Http404("no such release file")
    return _stream(path, f"{name}-{file}" if file != "manifest.json" else f"{name}-manifest.json")


def latest_zip(request):
    """The latest release's ZIP of CSVs (this address served a ZIP built per request before)."""
    found = releases()
    path = release_file(found[0]["name"], ZIP_FILE) if found else None
    if path is None or not path.is_file():
        raise Http404("no release has been built yet")
    return _stream(path, f"minutes-archive-{found[0]['name']}.zip")
