"""load_minutes on every format: the same meetings as the text versions, provenance stored, the
original bytes downloadable as they were, every bad input an error that costs only itself."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from archive import review
from archive.models import Meeting, OriginalFile, SourceDocument
from archive.parsing import parse_text
from archive.pipeline.load import contract_review
from archive.pipeline.reparse import reparse_source
from tests.intake import shapes
from tests.loading.test_load_minutes import SCHEMA, json_lines
from tests.loading.test_load_minutes import run as run_command

pytestmark = pytest.mark.django_db


def run(*args):
    """load_minutes: (exit status, its JSON objects, each checked against the contract, stderr)."""
    code, out, err = run_command(*args)
    objects = json_lines(out)
    for obj in objects:
        jsonschema.validate(obj, SCHEMA)
    return code, objects, err


def record_minutes(name: str) -> str:
    """The minutes of another day, so that a record is not the same text as a file of the folder."""
    return shapes.minutes_text(name).replace("月15日", "月16日").replace("月3日", "月4日")


def jsonl_lines() -> list[str]:
    return [
        json.dumps(
            {
                "text": record_minutes("pdf"),
                "url": "https://news.example.cn/a/1",
                "title": "党组会议",
                "published": "2024-01-16",
            },
            ensure_ascii=False,
        ),
        '{"text": "broken',
        json.dumps(
            {"html": shapes.table_page(record_minutes("table")).decode("gb18030"), "locality": "云溪市"},
            ensure_ascii=False,
        ),
        json.dumps({"url": "https://news.example.cn/a/4"}),
    ]


@pytest.fixture
def collection(tmp_path) -> Path:
    """A scraped collection: every format, and every kind of bad input, in one folder."""
    folder = tmp_path / "collection"
    folder.mkdir()
    files = {
        "cms.html": shapes.cms_page(shapes.minutes_text("cms")),
        "portal.htm": shapes.portal_page(shapes.minutes_text("portal")),
        "article_8817": shapes.table_page(shapes.minutes_text("table")),  # no suffix: sniffed
        "jiyao.docx": shapes.docx_bytes(shapes.minutes_text("docx")),
        "jiyao.pdf": shapes.pdf_bytes(shapes.minutes_text("pdf")),
        "scraped.jsonl": ("\n".join(jsonl_lines()) + "\n").encode(),
        "column.html": shapes.link_list_page(),
        "empty.shtml": shapes.empty_page(),
        "cut.docx": shapes.docx_bytes(shapes.minutes_text("docx"))[:2500],
        "cut.pdf": shapes.pdf_bytes(shapes.minutes_text("pdf"))[:800],
        "scan.pdf": shapes.scanned_pdf_bytes(),
        "locked.pdf": shapes.pdf_bytes(shapes.minutes_text("pdf"), encrypt="pw"),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "bomb.docx": shapes.zip_bomb_docx(60_000_000),
        "notes.md": b"# not read",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_mixed_collection_loads(collection):
    code, objects, err = run("--json", collection)
    assert code == 1
    by_path = {Path(o["path"]).name: o for o in objects}
    loaded = {name for name, o in by_path.items() if o["status"] == "loaded"}
    assert loaded == {
        "cms.html",
        "portal.htm",
        "article_8817",
        "jiyao.docx",
        "jiyao.pdf",
        "scraped.jsonl:1",
        "scraped.jsonl:3",
    }
    reasons = {name: o["error"] for name, o in by_path.items() if o["status"] == "error"}
    assert set(reasons) == {
        "column.html", "empty.shtml", "cut.docx", "cut.pdf", "scan.pdf", "locked.pdf", "old.doc", "bomb.docx",
        "scraped.jsonl:2", "scraped.jsonl:4",
    }  # fmt: skip
    for name, reason in reasons.items():
        assert reason.startswith(str(collection / name.split(":")[0]) + ": "), reason
    assert "list of links" in reasons["column.html"] and "no article" in reasons["empty.shtml"]
    assert "no text layer" in reasons["scan.pdf"] and "encrypted" in reasons["locked.pdf"]
    assert "ZIP bomb" in reasons["bomb.docx"] and "save it as .docx" in reasons["old.doc"]
    assert "line 2: not JSON" in reasons["scraped.jsonl:2"]
    assert "line 4: the record has neither 'text' nor 'html'" in reasons["scraped.jsonl:4"]
    assert "notes.md" not in by_path
    assert Meeting.objects.count() == 7 and SourceDocument.objects.count() == 7

    # Each parses to the meeting of its text (with the page's publication date)
    for name, minutes in [("cms.html", "cms"), ("portal.htm", "portal"), ("article_8817", "table"),
                          ("jiyao.docx", "docx"), ("jiyao.pdf", "pdf"), ("scraped.jsonl:1", "pdf"), ("scraped.jsonl:3", "table")]:  # fmt: skip
        source = SourceDocument.objects.get(path=str(collection / name))
        text = record_minutes(minutes) if "jsonl" in name else shapes.minutes_text(minutes)
        parsed = parse_text(text, published=source.published).meeting
        expected = parsed.as_contract()
        got = dict(by_path[name]["meeting"])
        assert got.pop("locality") == (source.meeting.locality or None)
        assert got.pop("division") == (source.meeting.division.code if source.meeting.division else None)
        # The review: the parse's doubts, then the stored reasons that come from outside the text.
        stored = review.reasons_from_stored(source.meeting.review_reasons)
        assert got.pop("review") == contract_review(parsed, stored)
        expected.pop("locality"), expected.pop("review")
        assert got == expected, name

    cms = by_path["cms.html"]
    assert cms["source"] == {
        "format": "html",
        "url": "http://www.kq.example.gov.cn/art/2023/3/13/art_1_42.html",
        "title": "区政府召开第42次常务会议",
        "published": "2023-03-13",
    }
    assert cms["meeting"]["year"] == 2023 and cms["encoding"] == "gb18030"
    source = SourceDocument.objects.get(path=str(collection / "cms.html"))
    assert (source.format, source.site, source.column, source.content_source) == (
        "html",
        "绍兴市柯桥区人民政府",
        "政务动态",
        "区政府办公室",
    )
    assert (source.meeting.locality, source.locality_rule) == ("柯桥区", "site")
    assert by_path["jiyao.docx"]["source"] == {"format": "docx", "url": None, "title": None, "published": None}
    record = SourceDocument.objects.get(path=str(collection / "scraped.jsonl:1"))
    assert (record.format, record.url, record.published) == (
        "jsonl-record",
        "https://news.example.cn/a/1",
        datetime.date(2024, 1, 16),
    )
    third = SourceDocument.objects.get(path=str(collection / "scraped.jsonl:3"))
    assert (third.meeting.locality, third.locality_rule, third.published) == (
        "云溪市",
        "site",
        datetime.date(2021, 11, 5),
    )

    # Originals: the exact file; for a record, its line
    for source in SourceDocument.objects.all():
        original = bytes(OriginalFile.objects.get(sha256=source.sha256).data)
        if source.format == "jsonl-record":
            line = int(source.path.rsplit(":", 1)[1])
            assert original == jsonl_lines()[line - 1].encode()
        else:
            assert original == Path(source.path).read_bytes()

    # Loading again changes nothing
    code, again, _ = run("--json", collection)
    assert {o["status"] for o in again if o["status"] != "error"} == {"unchanged"}


def test_locality_rules(tmp_path):
    folder = tmp_path / "yunxi"
    folder.mkdir()
    (folder / "cms.html").write_bytes(shapes.cms_page(shapes.minutes_text("cms")))
    (folder / "docx.docx").write_bytes(shapes.docx_bytes(shapes.minutes_text("docx")))
    mapping = tmp_path / "map.csv"
    mapping.write_text("kq.example.gov.cn,柯桥新区\n", encoding="utf-8")
    assert run("--locality-map", mapping, folder)[0] == 0
    rules = {
        Path(s.path).name: (s.meeting.locality, s.locality_rule, s.locality_map_option)
        for s in SourceDocument.objects.all()
    }
    assert rules == {"cms.html": ("柯桥新区", "map", "柯桥新区"), "docx.docx": ("", "", "")}
    source = SourceDocument.objects.get(path__endswith="cms.html")
    reparse_source(source)
    source.refresh_from_db()
    assert (source.meeting.locality, source.meeting.year, source.locality_rule) == ("柯桥新区", 2023, "map")

    other = tmp_path / "other"
    other.mkdir()
    (other / "p.docx").write_bytes(shapes.docx_bytes(shapes.minutes_text("docx").replace("区政府常务", "区政府常务 ")))
    assert run("--locality", "东湖区", other)[0] == 0
    assert SourceDocument.objects.get(path__endswith="p.docx").locality_rule == "option"
    bad = tmp_path / "bad.csv"
    bad.write_text("only\n", encoding="utf-8")
    code, _, err = run("--locality-map", bad, other)
    assert code == 1 and "bad.csv:1" in err


def test_original_download_and_source_on_the_meeting_page(client, tmp_path):
    page = tmp_path / "cms.html"
    page.write_bytes(shapes.cms_page(shapes.minutes_text("cms")))
    assert run(page)[0] == 0
    source = SourceDocument.objects.get()
    url = reverse("admin:archive_sourcedocument_original", args=[source.pk])

    assert client.get(url).status_code == 302  # not logged in: to the login page
    nobody = User.objects.create_user("staff-no-perms", password="x", is_staff=True)
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    client.force_login(viewer)
    response = client.get(url)
    assert response.status_code == 200 and response.content == page.read_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="cms.html"'  # its own name, not its digest
    change = client.get(reverse("admin:archive_sourcedocument_change", args=[source.pk])).content.decode()
    assert url in change

    client.logout()
    detail = client.get(reverse("archive:meeting_detail", args=[source.meeting.pk])).content.decode()
    assert 'href="http://www.kq.example.gov.cn/art/2023/3/13/art_1_42.html"' in detail
    assert "绍兴市柯桥区人民政府" in detail and "2023-03-13" in detail
    rows = json.loads(b"".join(client.get("/meetings/", {"format": "json"}).streaming_content))
    assert rows[0]["source_format"] == "html" and rows[0]["source_published"] == "2023-03-13"
    assert rows[0]["source_site"] == "绍兴市柯桥区人民政府" and rows[0]["source_url"].startswith("http://www.kq.")


def test_a_javascript_url_is_not_a_link(client, tmp_path):
    record = {"text": record_minutes("pdf"), "url": "javascript:alert(1)"}
    (tmp_path / "r.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run(tmp_path / "r.jsonl")[0] == 0
    detail = client.get(reverse("archive:meeting_detail", args=[Meeting.objects.get().pk])).content.decode()
    assert "javascript:alert(1)" in detail and 'href="javascript' not in detail
