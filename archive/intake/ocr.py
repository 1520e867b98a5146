"""Scanned PDFs: the page images read by Tesseract (Debian's tesseract-ocr with its simplified
Chinese data, tesseract-ocr-chi-sim) through pytesseract. See README, "Formats", for the choice.

A scan's page is one image (or a few strips of one); pypdf takes them out of the file as they
are, so no renderer (Ghostscript, Poppler) is needed. What Tesseract reads is a guess: a meeting
read this way is flagged for review (``ocr-text``)."""

from __future__ import annotations

import os
import re
import shutil

from .documents import IntakeError

LANGUAGE = "chi_sim"
# Tesseract takes seconds a page: a scan of more pages is not minutes (the text layer's limit is 200).
MAX_PAGES = 30
# Pixels of one page image (an A4 page at 600 dpi is 35 million); more is a decompression bomb.
MAX_PIXELS = 40_000_000
# The resolution Tesseract reads best; a coarser scan is enlarged to it.
OCR_DPI = 300
# Seconds Tesseract may spend on one page before the file is refused (a safety net, not a rule).
PAGE_TIMEOUT = 120
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim (see README, Formats)"
# Tesseract puts a space between CJK characters; a space beside one is not in the text.
_SPACE_BY_CJK = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+|[ \t]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


def available() -> str | None:
    """Why OCR cannot run here, in words with what to install; None when it can."""
    if shutil.which("tesseract") is None:
        return f"Tesseract is not installed: {INSTALL}"
    try:
        import pytesseract
    except ImportError:
        return "pytesseract is not installed: pip install -e . (it is one of the archive's dependencies)"
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError) as exc:
        return f"Tesseract does not run ({exc}): {INSTALL}"
    if LANGUAGE not in languages:
        return "Tesseract has no simplified Chinese data: apt-get install tesseract-ocr-chi-sim (see README, Formats)"
    return None


def read_scanned(pages) -> str:
    """The text Tesseract reads in the images of these pypdf pages, a line per line it found."""
    if reason := available():
        raise IntakeError(f"the PDF has no text layer (a scan): reading it needs OCR, but {reason}")
    if len(pages) > MAX_PAGES:
        raise IntakeError(f"a scanned PDF of {len(pages):,} pages, over {MAX_PAGES} for OCR: not minutes")
    import pytesseract

    # One thread per Tesseract: the loader's workers already use the cores (Tesseract's OpenMP
    # threads made a page 7 s instead of 4 on two busy cores).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    lines: list[str] = []
    for number, page in enumerate(pages, 1):
        for image in _page_images(page, number):
            image = _at_ocr_resolution(image, float(page.mediabox.width))
            try:
                text = pytesseract.image_to_string(image, lang=LANGUAGE, timeout=PAGE_TIMEOUT)
            except RuntimeError:  # pytesseract's timeout
                raise IntakeError(f"OCR of page {number} took over {PAGE_TIMEOUT} s: refused") from None
            except pytesseract.TesseractError as exc:
                raise IntakeError(f"Tesseract could not read page {number}: {exc.message or exc}") from None
            lines.extend(_SPACE_BY_CJK.sub("", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _at_ocr_resolution(image, page_points: float):
    """The image cleaned of specks, and enlarged to OCR_DPI when it was scanned coarser: Tesseract
    reads 300 dpi best (on our scans at 200 dpi, 0.54-0.98 of the characters right as they were,
    0.96-0.98 enlarged)."""
    from PIL import Image, ImageFilter

    # A 3-pixel median first: a scanner's specks read as strokes (0.5% of pixels flipped: 0.43 of
    # the characters right without it, 0.94-0.98 with it).
    image = image.convert("L").filter(ImageFilter.MedianFilter(3))
    dpi = image.width / max(page_points / 72, 0.1)
    if dpi >= OCR_DPI * 0.9 or dpi <= 0:
        return image
    scale = min(OCR_DPI / dpi, 4.0)
    size = (round(image.width * scale), round(image.height * scale))
    if size[0] * size[1] > MAX_PIXELS:
        return image
    return image.resize(size, Image.Resampling.LANCZOS)


def _page_images(page, number: int) -> list:
    """The page's images, top first, each checked for size before it is decoded."""
    from PIL import Image

    found = []
    for image in page.images:
        try:
            picture = image.image
        except Image.DecompressionBombError:
            raise IntakeError(f"page {number} holds an image too large to read (a decompression bomb?)") from None
        except Exception:  # noqa: BLE001 (a damaged or unknown image: the others may still be read)
            continue
        if picture is None:
            continue
        if picture.width * picture.height > MAX_PIXELS:
            raise IntakeError(
                f"page {number} holds an image of {picture.width}×{picture.height} pixels, over {MAX_PIXELS:,}"
            )
        found.append(picture)
    return found
