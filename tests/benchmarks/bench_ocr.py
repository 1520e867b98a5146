"""Character accuracy of the OCR of scanned PDFs (issue 15): our own minutes (tests/fixtures/formats)
printed in Noto Sans CJK SC on an A4 page image, wrapped in a PDF, read back by load_minutes'
intake. Accuracy: the share of the minutes' characters (spaces aside) found in order in what
Tesseract read (difflib's matching blocks), per scan quality.

    python -m tests.benchmarks.bench_ocr
"""

from __future__ import annotations

import difflib
import time

from archive.intake.read import read_documents
from tests.intake import shapes

QUALITIES = (("200 dpi", 200, 0.0), ("300 dpi", 300, 0.0), ("200 dpi, 0.5% specks", 200, 0.005))
NAMES = ("cms", "pdf", "docx", "table", "list", "portal")


def accuracy(want: str, have: str) -> float:
    want, have = "".join(want.split()), "".join(have.split())
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def main() -> None:
    for label, dpi, noise in QUALITIES:
        scores, seconds = [], 0.0
        for name in NAMES:
            text = shapes.minutes_text(name)
            pdf = shapes.image_pdf_bytes([shapes.scan_image(text, dpi=dpi, noise=noise)])
            start = time.perf_counter()
            try:
                (document,) = read_documents(pdf, "scan.pdf")
                scores.append(accuracy(text, document.text))
            except ValueError as exc:
                print(f"  {name}: {exc}")
                scores.append(0.0)
            seconds += time.perf_counter() - start
        mean = sum(scores) / len(scores)
        print(f"{label}: mean {mean:.3f}, min {min(scores):.3f}, {seconds / len(NAMES):.1f} s a page")


if __name__ == "__main__":
    main()
