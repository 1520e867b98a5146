"""A generator of bad inputs of every format, for the loader fuzz (test_loader_fuzz.py).

Each case is a file name and its bytes that ``load_minutes`` must refuse with an ``error`` naming
the file, while the good files beside it still load. The cases are the shapes attackers and real
collections produced (issue 18): damaged ZIP members of a Word file, pages an HTML parser chokes
on, charsets that are no text encoding, JSON that Python reads but a database cannot store,
nesting and counts that make the work per file explode; and for each format a few byte-level
mutations of a good file (truncations, flipped bytes) drawn from a fixed seed.
"""

from __future__ import annotations

import io
import json
import os
import random
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from tests.intake import shapes

# Charsets Python knows but that are no text encoding (bytes.decode refuses them).
BYTES_CODECS = ("rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined")


@dataclass(frozen=True)
class Case:
    name: str  # the file name; unique within a run
    data: bytes
    why: str  # what is wrong with it, for a failing test's message
    # read: refused when the file is read (--dry-run says so too); store: only before it is stored.
    at: str = "read"


def minutes(day: int = 15) -> str:
    """Good minutes of our own (a day of their own, so that no case is the text of another)."""
    return shapes.minutes_text("cms").replace("3月12日", f"3月{day}日")


def _docx_members(document: str | None = None) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(shapes.docx_like_word(document or minutes(3)))) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _patch_member(data: bytes, member: str, *, method: int | None = None, flags: int | None = None) -> bytes:
    """The ZIP with ``member``'s compression method or flag bits changed in its local header and in
    the central directory (both, as a tool that wrote them so would)."""
    out = bytearray(data)
    encoded = member.encode()
    for signature, method_at, flags_at, name_at in ((b"PK\x03\x04", 8, 6, 30), (b"PK\x01\x02", 10, 8, 46)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            if out[start + name_at : start + name_at + len(encoded)] == encoded:
                if method is not None:
                    struct.pack_into("<H", out, start + method_at, method)
                if flags is not None:
                    current = struct.unpack_from("<H", out, start + flags_at)[0]
                    struct.pack_into("<H", out, start + flags_at, current | flags)
            start += 4
    return bytes(out)


def docx_cases() -> Iterator[Case]:
    good = _zip(_docx_members())
    yield Case("method99.docx", _patch_member(good, "word/document.xml", method=99), "unsupported compression method")
    yield Case("lzma-flag.docx", _patch_member(good, "word/document.xml", method=14), "LZMA with no LZMA header")
    yield Case("encrypted-flag.docx", _patch_member(good, "word/document.xml", flags=0x1), "the ZIP encryption flag")
    stored = _zip(_docx_members(), zipfile.ZIP_STORED)
    yield Case("stored-as-deflate.docx", _patch_member(stored, "word/document.xml", method=8), "corrupt deflate data")
    corrupt = bytearray(good)
    start = corrupt.find(b"word/document.xml") + len(b"word/document.xml")
    for offset in range(start + 10, start + 60):
        corrupt[offset] ^= 0xFF
    yield Case("corrupt-deflate.docx", bytes(corrupt), "corrupt deflate data (zlib.error)")
    members = _docx_members()
    members["word/document.xml"] = b"<w:document xmlns:w='x'><w:body>" + b"<w:p>" * 50_000
    yield Case("unclosed-xml.docx", _zip(members), "document.xml never closed")
    members["word/document.xml"] = b"\xff\xfe not xml"
    yield Case("not-xml.docx", _zip(members), "document.xml not XML")


def _page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head>{body}</html>".encode()


def html_cases() -> Iterator[Case]:
    text = "".join(f"<p>{line}</p>" for line in minutes(4).splitlines())
    yield Case("no-body.html", b"<html><head><title>x</title></head></html>", "no body")
    yield Case("only-head.html", b"<html><head><meta charset='utf-8'></head>", "only a head")
    yield Case("frameset.html", b"<html><frameset><frame src='a.html'></frameset></html>", "a frameset")
    yield Case(
        "frameset-text.html",
        _page(f'<frameset cols="50%"><frame src="a"></frameset><noframes>{text}</noframes>'),
        "frameset with noframes",
    )
    for codec in BYTES_CODECS:
        yield Case(
            f"charset-{codec}.html", _page(f"<body>{text}</body>", f'<meta charset="{codec}">'), f"charset={codec}"
        )
        declared = f'<?xml version="1.0" encoding="{codec}"?><html><head></head><body>{text}</body></html>'
        yield Case(f"xml-encoding-{codec}.html", declared.encode(), f"<?xml encoding={codec}>")
    yield Case(
        "deep-div.html",
        _page("<body>" + "<div>" * 100_000 + text + "</div>" * 100_000 + "</body>"),
        "100,000 nested divs",
    )
    yield Case("deep-span.html", _page("<body>" + "<span>" * 30_000 + text + "</body>"), "30,000 unclosed spans")
    yield Case("many-elements.html", _page("<body>" + text + "<i></i>" * 150_000 + "</body>"), "150,000 elements")


def jsonl_cases() -> Iterator[Case]:
    good = json.dumps({"text": minutes(5)}, ensure_ascii=False)
    escaped = json.dumps({"text": minutes(6)}).replace('{"text": "', '{"text": "\\ud800', 1)
    yield Case("lone-surrogate.jsonl", escaped.encode() + b"\n", "a lone \\ud800 escape")
    yield Case(
        "surrogate-in-title.jsonl",
        json.dumps({"text": minutes(7), "title": "\ud800"}).encode(),
        "a surrogate in the title",
    )
    yield Case("huge-number.jsonl", b'{"text": "x", "n": ' + b"9" * 5_000 + b"}\n", "a 5,000-digit number")
    yield Case("huge-number-only.jsonl", b'{"text": ' + b"1" * 5_000 + b"}", "a 5,000-digit number as text")
    yield Case("nul.jsonl", json.dumps({"text": minutes(8).replace("会议", "会\u0000议", 1)}).encode(), "NUL in text")
    yield Case(
        "deep-array.jsonl", b'{"text": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested 100,000 deep"
    )
    deep = "<div>" * 100_000 + "".join(f"<p>{line}</p>" for line in minutes(9).splitlines()) + "</div>" * 100_000
    yield Case(
        "deep-html-field.jsonl",
        json.dumps({"html": f"<html><body>{deep}</body></html>"}).encode(),
        "nested divs in html",
    )
    yield Case(
        "frameset-field.jsonl",
        json.dumps({"html": "<html><frameset><frame></frameset></html>"}).encode(),
        "frameset in html",
    )
    yield Case("no-body-field.jsonl", json.dumps({"html": "<html><head></head></html>"}).encode(), "no body in html")
    long_locality = json.dumps({"text": minutes(10), "locality": "很" * 200 + "县"}, ensure_ascii=False)
    yield Case("long-locality.jsonl", long_locality.encode(), "a locality over the model's length", "store")
    assert good


def pdf_cases() -> Iterator[Case]:
    good = shapes.pdf_bytes(minutes(16))
    yield Case("encrypted.pdf", shapes.pdf_bytes(minutes(17), encrypt="secret"), "encrypted")
    yield Case("truncated.pdf", good[: len(good) // 2], "truncated")
    yield Case("header-only.pdf", b"%PDF-1.7\n", "a header and nothing else")
    yield Case("no-text.pdf", shapes.scanned_pdf_bytes(), "an image of no text")
    out = io.BytesIO()
    pdf = shapes._canvas(out)
    for _ in range(201):
        pdf.showPage()
    pdf.save()
    yield Case("many-pages.pdf", out.getvalue(), "201 pages")


def text_cases() -> Iterator[Case]:
    many = "\n".join(f"审议《关于第{n}项工作的报告》" for n in range(4_000))
    yield Case("many-titles.txt", (minutes(11) + "\n" + many).encode(), "4,000 《》 titles")
    nested = "《" * 3_000 + "x" + "》" * 3_000
    yield Case("nested-titles.txt", (minutes(12) + "\n" + nested).encode(), "《 nested 3,000 deep")
    long_item = "会议听取了" + "关于很长的工作" * 80 + "的汇报。"
    yield Case(
        "long-title.txt",
        minutes(13).replace("会议研究了防汛防台有关工作。", long_item).encode(),
        "an agenda title over the model's length",
        "store",
    )
    long_post = minutes(15).replace("区委副书记、区长沈立航", "区委副书记、" + "很" * 70 + "局局长沈立航")
    yield Case("long-post.txt", long_post.encode(), "a title's organ over the model's length", "store")


def name_cases() -> Iterator[Case]:
    """Good minutes under a name that is not UTF-8: 会议纪要.txt in GBK, as unzip leaves it."""
    yield Case(os.fsdecode("会议纪要".encode("gbk") + b".txt"), minutes(14).encode(), "a GBK file name")


def mutations(seed: int = 18, per_format: int = 6) -> Iterator[Case]:
    """Good files of each format, truncated or with bytes flipped, from a fixed seed. Most still
    read (a flipped byte in a page's text is a typo): only those the loader refuses are errors, so
    these cases are checked for not crashing the run, not for their status."""
    rng = random.Random(seed)
    goods = {
        "html": shapes.cms_page(minutes(20)),
        "docx": shapes.docx_like_word(minutes(21)),
        "pdf": shapes.pdf_bytes(minutes(22)),
        "jsonl": json.dumps({"text": minutes(23)}, ensure_ascii=False).encode(),
    }
    for suffix, data in goods.items():
        for n in range(per_format):
            mutated = bytearray(data)
            if n % 2:
                del mutated[rng.randrange(len(mutated) // 4, len(mutated)) :]
            else:
                for _ in range(8):
                    mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            yield Case(f"mutated-{n}.{suffix}", bytes(mutated), "random damage")


def bad_inputs() -> Iterator[Case]:
    """Every case that must be an ``error`` naming its file."""
    yield from docx_cases()
    yield from html_cases()
    yield from jsonl_cases()
    yield from pdf_cases()
    yield from text_cases()
    yield from name_cases()
