"""Benchmark: load_minutes throughput per format, next to plain text.

    python -m tests.benchmarks.bench_formats [N [JOBS]]    (default 2000 documents a format, --jobs 1)

Writes N documents of each format from the synthetic minutes (tests/benchmarks/synthetic.py):
text files; web pages in the three shapes of tests/intake/shapes.py (government CMS with meta tags,
news portal, table layout), a third each; Word .docx files with the attendance lines in a table;
PDFs with a CJK text layer; and one JSON Lines file of N records. Each format is loaded into a
fresh SQLite database; docs/s is documents loaded per second of load_paths (read, extract, parse,
write). Targets on a 2-core machine: HTML >= 500, DOCX >= 300, PDF >= 50, JSON Lines as text.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"html": 500, "docx": 300, "pdf": 50}


def documents(n: int) -> list[str]:
    from tests.benchmarks.synthetic import generate

    return [data.decode("utf-8") for _, data in generate(n)]


def with_headline(minutes: str) -> str:
    return "政府召开常务会议\n" + minutes


def write_formats(root: Path, texts: list[str]) -> dict[str, list[Path]]:
    from tests.intake import shapes

    builders = {
        "text": (".txt", lambda i, t: t.encode("utf-8")),
        "html": (
            ".html",
            lambda i, t: (shapes.cms_page, shapes.portal_page, shapes.table_page)[i % 3](with_headline(t)),
        ),
        "docx": (".docx", lambda i, t: shapes.docx_like_word(with_headline(t))),
        "pdf": (".pdf", lambda i, t: shapes.pdf_bytes(t)),
    }
    out = {}
    for name, (suffix, build) in builders.items():
        folder = root / name
        folder.mkdir()
        start = time.perf_counter()
        paths = []
        for i, text in enumerate(texts):
            path = folder / f"{i:06d}{suffix}"
            path.write_bytes(build(i, text))
            paths.append(path)
        out[name] = paths
        print(f"  wrote {len(paths)} {name} files in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    jsonl = root / "records.jsonl"
    records = (
        json.dumps({"text": t, "url": f"https://example.cn/{i}.html"}, ensure_ascii=False) for i, t in enumerate(texts)
    )
    jsonl.write_text("\n".join(records) + "\n", encoding="utf-8")
    out["jsonl"] = [jsonl]
    return out


def setup_django(db: Path):
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()


def load(paths: list[Path], db: Path, jobs: int) -> tuple[int, float]:
    from django.core.management import call_command
    from django.db import connection

    from archive.pipeline.load import load_paths

    connection.close()
    connection.settings_dict["NAME"] = str(db)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    report = load_paths(paths, jobs=jobs, keep_meetings=False)
    elapsed = time.perf_counter() - start
    loaded = report.count("loaded")
    if report.failed:
        errors = [r.error for r in report.results if r.status == "error"][:3]
        print(f"  {report.failed} failed, e.g. {errors}", file=sys.stderr)
    return loaded, elapsed


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        setup_django(tmp / "first.sqlite3")
        files = write_formats(tmp, documents(n))
        rates = {}
        for name, paths in files.items():
            loaded, elapsed = load(paths, tmp / f"{name}.sqlite3", jobs)
            rates[name] = loaded / elapsed
            print(f"  {name}: {loaded} loaded in {elapsed:.1f} s", file=sys.stderr)
    print(f"documents per format: {n}, load_minutes --jobs {jobs}")
    for name, rate in rates.items():
        target = TARGETS.get(name)
        if name == "jsonl":
            verdict = f"{rate / rates['text']:.2f} x text"
        elif target:
            verdict = f"target {target}: {'met' if rate >= target else 'NOT met'}"
        else:
            verdict = ""
        print(f"{name:6} {rate:8.0f} docs/s   {verdict}")


if __name__ == "__main__":
    main()
