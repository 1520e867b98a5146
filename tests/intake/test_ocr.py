"""Scanned PDFs read by Tesseract (issue 15): scans we make of our own minutes (rendered in Noto
Sans CJK, wrapped in a PDF), the meeting flagged for review, and what happens without Tesseract."""

from __future__ import annotations

import shutil

import pytest
from django.utils import translation

from archive.intake import ocr
from archive.intake.documents import OCR_ENCODING
from archive.intake.read import read_documents
from archive.models import Meeting, SourceDocument
from archive.parsing import parse_text
from archive.pipeline.reparse import reparse_source
from tests.benchmarks.bench_ocr import accuracy
from tests.intake import shapes
from tests.loading.test_load_minutes import json_lines, run

needs_tesseract = pytest.mark.skipif(ocr.available() is not None, reason=f"no OCR here: {ocr.available()}")


@pytest.fixture(scope="module")
def scan() -> tuple[str, bytes]:
    text = shapes.minutes_text("table")
    return text, shapes.image_pdf_bytes([shapes.scan_image(text, dpi=200)])


@needs_tesseract
@pytest.mark.django_db
def test_a_scan_loads_by_ocr_and_goes_to_review(tmp_path, scan):
    text, pdf = scan
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    code, out, err = run("--json", path)
    (obj,) = json_lines(out)
    assert code == 0 and obj["status"] == "loaded", err
    assert any(w.startswith("ocr-text:") for w in obj["meeting"]["warnings"])
    source = SourceDocument.objects.get()
    assert source.encoding == OCR_ENCODING and source.format == "pdf"
    assert accuracy(text, source.raw_text) >= 0.95
    meeting = Meeting.objects.get()
    assert meeting.needs_review and "ocr-text" in {r["kind"] for r in meeting.review_reasons}
    typed = parse_text(text).meeting  # the minutes as typed: the scan gives the same meeting
    assert (meeting.body, meeting.year, meeting.month, meeting.day) == (typed.body, typed.year, typed.month, typed.day)
    chair = meeting.participations.get(role="chair")  # OCR may misread a name: why the meeting is reviewed
    assert chair.name[0] == next(p.name for p in typed.participants if p.role == "chair")[0]
    with translation.override("zh-hans"):
        assert "光学字符识别" in " ".join(meeting.review_reason_labels())
    reparse_source(source)  # a re-parse reads the stored text and flags it as the load did
    meeting.refresh_from_db()
    assert "ocr-text" in {r["kind"] for r in meeting.review_reasons}


def test_without_tesseract_the_error_says_how_to_install_it(monkeypatch, scan):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ValueError, match="apt-get install tesseract-ocr tesseract-ocr-chi-sim"):
        read_documents(scan[1], "scan.pdf")


def test_without_chinese_data_the_error_names_the_package(monkeypatch, scan):
    pytesseract = pytest.importorskip("pytesseract")
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    with pytest.raises(ValueError, match="apt-get install tesseract-ocr-chi-sim"):
        read_documents(scan[1], "scan.pdf")


def test_a_page_image_over_the_pixel_limit_is_refused(monkeypatch, scan):
    if ocr.available() is not None:
        pytest.skip(ocr.available())
    monkeypatch.setattr(ocr, "MAX_PIXELS", 1_000)
    with pytest.raises(ValueError, match="pixels, over 1,000"):
        read_documents(scan[1], "scan.pdf")
