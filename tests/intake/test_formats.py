"""Intake of every format (no database): each fixture parses to the same meeting as its text."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest

from archive.intake import IntakeError, read_documents, sniff
from archive.intake.locality import LocalityMap, site_locality
from archive.parsing import WarningKind, parse_text
from tests.intake import shapes


def meeting(text: str, published=None) -> dict:
    return parse_text(text, published=published).meeting.as_contract()


def only(data: bytes, path: str):
    (document,) = read_documents(data, path)
    return document


PAGES = {
    "cms": shapes.cms_page,
    "portal": shapes.portal_page,
    "table": shapes.table_page,
    # An agenda set as a list must survive extraction (some extractors drop every <ul> as navigation).
    "list": shapes.list_page,
}


@pytest.mark.parametrize("shape", sorted(PAGES))
def test_page_parses_to_the_meeting_of_its_text(shape):
    minutes = shapes.minutes_text(shape)
    document = only(PAGES[shape](minutes), f"page.{'html' if shape != 'table' else 'shtml'}")
    assert document.format == "html"
    assert meeting(document.text, document.meta.published) == meeting(minutes, document.meta.published)
    # What the extractor leaves (a table layout's breadcrumb row), the parser's cleaning drops.
    cleaned = parse_text(document.text).text
    for noise in ("相关文章", "首页", "分享到", "版权所有", "热点新闻", "网友评论", "上一篇", "主办单位", "打印"):
        assert noise not in cleaned


def test_cms_meta_tags_gbk():
    data = shapes.cms_page(shapes.minutes_text("cms"))
    data.decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    document = only(data, "a.html")
    assert document.encoding == "gb18030"
    meta = document.meta
    assert meta.title == "区政府召开第42次常务会议"
    assert meta.published == datetime.date(2023, 3, 13)
    assert meta.site == "绍兴市柯桥区人民政府" and meta.locality == "柯桥区"
    assert meta.url == "http://www.kq.example.gov.cn/art/2023/3/13/art_1_42.html"
    assert meta.column == "政务动态" and meta.content_source == "区政府办公室"
    parsed = parse_text(document.text, published=meta.published).meeting
    assert parsed.year == 2023  # the text gives 3月12日 only: the year is the page's
    assert WarningKind.YEAR_FROM_PUBLICATION_DATE in [w.kind for w in parsed.warnings]


def test_visible_source_and_date_lines():
    meta = only(shapes.portal_page(shapes.minutes_text("portal")), "p.htm").meta
    assert meta.published == datetime.date(2022, 8, 18)
    assert meta.content_source == "县人大常委会办公室"
    assert meta.title == "县人大常委会召开第十九次主任会议"
    assert meta.site == "" and meta.locality == ""
    table = only(shapes.table_page(shapes.minutes_text("table")), "t.html").meta
    assert table.published == datetime.date(2021, 11, 5)


def test_sniffed_without_extension():
    assert sniff(shapes.cms_page(shapes.minutes_text("cms")), "page") == "html"
    assert sniff(shapes.docx_bytes(shapes.minutes_text("docx")), "download") == "docx"
    assert sniff(shapes.pdf_bytes(shapes.minutes_text("pdf")), "file.bin") == "pdf"
    assert sniff(b'{"text": "x"}\n', "dump") == "jsonl"
    assert sniff(shapes.minutes_text("cms").encode(), "a.txt") == "text"
    assert sniff(b"<p>\xe4\xbc\x9a\xe8\xae\xae</p>", "scraped.txt") == "text"  # a scraped text stays text


def test_docx_with_attendance_table():
    minutes = shapes.minutes_text("docx")
    document = only(shapes.docx_bytes(minutes), "a.docx")
    assert document.format == "docx"
    assert "出席： 顾明远、蒋晓帆、邬嘉禾" in document.text.splitlines()
    assert meeting(document.text) == meeting(minutes)
    roles = {(p["name"], p["role"]) for p in meeting(document.text)["participants"]}
    assert ("柴一鸣", "observer") in roles and ("殷小蔓", "observer") not in roles


def test_pdf_with_cjk_text_in_reading_order():
    minutes = shapes.minutes_text("pdf")
    document = only(shapes.pdf_bytes(minutes), "a.pdf")
    assert document.format == "pdf"
    assert meeting(document.text) == meeting(minutes)


def test_jsonl_records_and_a_bad_line():
    page = shapes.portal_page(shapes.minutes_text("portal")).decode()
    lines = [
        json.dumps(
            {"text": shapes.minutes_text("pdf"), "url": "https://x.example/1", "title": "一", "published": "2024-01-16"}
        ),
        "{not json",
        json.dumps({"html": page, "locality": "云溪县"}, ensure_ascii=False),
        json.dumps({"url": "https://x.example/3"}),
        json.dumps(["a list"]),
    ]
    data = ("\n".join(lines) + "\n").encode()
    first, bad, second, empty, listed = read_documents(data, "dump.jsonl")
    assert first.format == "jsonl-record" and first.line == 1 and first.data == lines[0].encode()
    assert first.meta.published == datetime.date(2024, 1, 16) and first.meta.url == "https://x.example/1"
    assert isinstance(bad, IntakeError) and bad.line == 2 and str(bad).startswith("line 2: not JSON")
    assert second.meta.locality == "云溪县" and second.meta.published == datetime.date(2022, 8, 18)
    assert meeting(second.text) == meeting(shapes.minutes_text("portal"))
    assert "neither 'text' nor 'html'" in str(empty) and empty.line == 4
    assert "JSON object" in str(listed)


@pytest.mark.parametrize(
    "data, path, reason",
    [
        (lambda: shapes.link_list_page(), "list.html", "a list of links"),
        (lambda: shapes.empty_page(), "empty.html", "no article"),
        (lambda: shapes.docx_bytes(shapes.minutes_text("docx"))[:3000], "cut.docx", "corrupt or truncated Word"),
        (lambda: b"PK\x03\x04" + b"\x00" * 200, "junk.docx", "corrupt or truncated Word"),
        (lambda: shapes.pdf_bytes(shapes.minutes_text("pdf"))[:900], "cut.pdf", "PDF"),
        (lambda: shapes.scanned_pdf_bytes(), "scan.pdf", "no text layer"),
        (lambda: shapes.pdf_bytes(shapes.minutes_text("pdf"), encrypt="secret"), "locked.pdf", "encrypted PDF"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "old.doc", "save it as .docx"),
        (lambda: _zip({"a.txt": b"x"}), "a.docx", "not a Word .docx"),
    ],
)
def test_bad_input_is_a_clear_error(data, path, reason):
    with pytest.raises(IntakeError, match=reason):
        read_documents(data(), path)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_refused_from_its_directory(monkeypatch):
    bomb = shapes.zip_bomb_docx(60_000_000)
    assert len(bomb) < 1_000_000
    inflated = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: inflated.append(a) or real_open(self, *a, **k))
    with pytest.raises(IntakeError, match="ZIP bomb"):
        read_documents(bomb, "bomb.docx")
    assert inflated == []  # refused before anything was inflated


def test_site_locality():
    assert site_locality("绍兴市柯桥区人民政府") == "柯桥区"
    assert site_locality("浙江省人民政府") == "浙江省"
    assert site_locality("某某县人大常委会") == "某某县"
    assert site_locality("示例新闻网") == ""
    assert site_locality("市农业农村局") == ""


def test_locality_map(tmp_path):
    csv = tmp_path / "map.csv"
    csv.write_text("key,locality\nkq.example.gov.cn,柯桥区\ncollections/yunxi,云溪县\n", encoding="utf-8")
    mapping = LocalityMap.read(csv)
    assert mapping.locality("a/b.html", "http://www.kq.example.gov.cn/art/1.html") == "柯桥区"
    assert mapping.locality("/data/collections/yunxi/2021/a.txt") == "云溪县"
    assert mapping.locality("/data/other/a.txt") == ""
    csv.write_text("only-one-cell\n", encoding="utf-8")
    with pytest.raises(IntakeError, match=":1:"):
        LocalityMap.read(csv)


def test_article_in_a_container_named_like_navigation_is_still_read():
    """Some CMS templates put the article in a box whose class reads like a menu; the fast
    extractor drops such boxes, and the page is then read by readability-lxml instead."""
    minutes = shapes.minutes_text("portal")
    title, *lines = minutes.splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    page = f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><div class="menu">{paragraphs}</div></body></html>'
    document = only(page.encode(), "page.html")
    assert meeting(document.text) == meeting(minutes)
