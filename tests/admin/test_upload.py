"""Curators load minutes from the admin (issue 15): several files or a ZIP, the loader's report on
the page, the loader's limits, curators only, ZIP bombs refused before anything is inflated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.admin import uploads
from archive.models import Meeting, SourceDocument
from tests.intake import shapes
from tests.reliability.bad_inputs import minutes

pytestmark = pytest.mark.django_db
URL = reverse("admin:archive_sourcedocument_upload")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
GOOD = sorted(FIXTURES.glob("*.txt"))[0]


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class GbkName(zipfile.ZipInfo):
    """A member named as Windows in Chinese names it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # zipfile's own hook (CPython 3.11-3.13)
        return self.filename.encode("gbk"), self.flag_bits & ~uploads.UTF8_FLAG


def zip_of(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = (GbkName if gbk else zipfile.ZipInfo)(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def test_a_curator_uploads_several_files_and_reads_the_report(curator_client):
    response = curator_client.post(
        URL,
        {
            "files": [upload("one.txt", GOOD.read_bytes()), upload("two.docx", shapes.docx_bytes(minutes(3)))],
            "year": "",
            "locality": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "one.txt" in html and "two.docx" in html and "/tmp/" not in html and "已导入" in html
    assert [row.status for row in response.context["rows"]] == ["loaded", "loaded"]
    paths = sorted(SourceDocument.objects.values_list("path", flat=True))
    assert all(p.startswith("upload/") and p.split("/")[2] == "curator" for p in paths)
    assert {p.rsplit("/", 1)[1] for p in paths} == {"one.txt", "two.docx"}
    assert Meeting.objects.count() == 2


def test_the_same_options_as_the_loader_and_a_dry_run(curator_client):
    response = curator_client.post(
        URL, {"files": [upload("one.txt", GOOD.read_bytes())], "year": "1900", "locality": ""}
    )
    assert response.context["form"].errors["year"]
    response = curator_client.post(
        URL, {"files": [upload("one.txt", GOOD.read_bytes())], "locality": "柯桥区", "dry_run": "on"}
    )
    assert [row.status for row in response.context["rows"]] == ["parsed"]
    assert SourceDocument.objects.count() == 0


def test_a_zip_with_gbk_names_bad_files_and_other_formats(curator_client):
    data = zip_of(
        {
            "纪要/常务会议.txt": minutes(4).encode("utf-8"),
            "纪要/坏.html": b"<html><frameset><frame></frameset></html>",
            "纪要/照片.png": b"\x89PNG",
        },
        gbk=True,
    )
    response = curator_client.post(URL, {"files": [upload("会议.zip", data)]})
    rows = {row.name: row for row in response.context["rows"]}
    assert rows["会议/纪要/常务会议.txt"].status == "loaded"
    assert rows["会议/纪要/坏.html"].status == "error" and "no body" in rows["会议/纪要/坏.html"].error
    assert response.context["others"] == ["会议.zip: 纪要/照片.png"]


def test_a_zip_bomb_is_refused_before_it_is_inflated(curator_client):
    response = curator_client.post(URL, {"files": [upload("bomb.zip", shapes.zip_bomb_docx(250_000_000))]})
    assert "ZIP 炸弹" in str(response.context["form"].errors["files"])
    assert SourceDocument.objects.count() == 0


def test_a_member_that_inflates_past_what_its_directory_says_is_refused():
    data = zip_of({"a.txt": b"x" * 5_000})
    lying = data.replace((5_000).to_bytes(4, "little"), (100).to_bytes(4, "little"))
    with zipfile.ZipFile(io.BytesIO(lying)) as archive, pytest.raises(uploads.UploadError):
        uploads._unpack_zip(archive, "lying.zip", Path("/nonexistent"), 1_000, [], [])


def test_a_file_over_the_loaders_limit_is_refused(curator_client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    response = curator_client.post(URL, {"files": [upload("one.txt", GOOD.read_bytes())]})
    assert "超过上限 100 字节" in str(response.context["form"].errors["files"])
    assert SourceDocument.objects.count() == 0


def test_names_cannot_leave_the_upload_folder(tmp_path):
    data = zip_of({"../../escape.txt": b"x", "/abs/root.txt": b"y"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        paths: list = []
        uploads._unpack_zip(archive, "z.zip", tmp_path, 1_000, paths, [])
    assert all(tmp_path in p.parents for p in paths)


def test_only_curators_may_upload(viewer_client, client):
    assert viewer_client.get(URL).status_code == 403
    response = viewer_client.post(URL, {"files": [upload("one.txt", GOOD.read_bytes())]})
    assert response.status_code == 403 and SourceDocument.objects.count() == 0
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


CHANGELIST = reverse("admin:archive_sourcedocument_changelist")


def test_the_sources_list_links_to_the_upload_for_curators(curator_client):
    assert URL in curator_client.get(CHANGELIST).content.decode()


def test_the_sources_list_has_no_upload_for_viewers(viewer_client):
    page = viewer_client.get(CHANGELIST)
    assert page.status_code == 200 and URL not in page.content.decode()


def test_every_refusal_says_why_in_the_curators_words(curator_client):
    """The loader writes one English sentence per refusal; the page leads with its reason in
    Chinese, for every bad input the fuzz generator makes (tests/reliability/bad_inputs.py)."""
    from tests.reliability.bad_inputs import docx_cases, html_cases, jsonl_cases, pdf_cases, text_cases

    cases = [*docx_cases(), *html_cases(), *jsonl_cases(), *pdf_cases(), *text_cases()]
    files = [upload(case.name, case.data) for case in cases]
    response = curator_client.post(URL, {"files": files, "year": "", "locality": ""})
    refused = [row for row in response.context["rows"] if row.status == "error"]
    assert len(refused) >= 40
    without = [(row.name, row.error) for row in refused if not row.reason]
    assert not without, without
    assert len({row.reason for row in refused}) >= 5  # not one word for everything
    html = response.content.decode()
    assert "超出载入限制" in html and "无法识别文字编码" in html and "有无法存入档案的值" in html


def test_warnings_read_as_the_review_queue_words_them(curator_client):
    text = "3月2日，县长韩立新主持召开县政府常务会议。会议研究了防汛工作。".encode()
    response = curator_client.post(URL, {"files": [upload("no-year.txt", text)], "year": "", "locality": ""})
    (row,) = response.context["rows"]
    assert row.status == "loaded" and "年份不详" in row.warnings
    assert "year-missing" not in response.content.decode()
