"""PDF: the text layer, page by page, reflowed into paragraphs; page offsets kept.

A PDF without a text layer (a scan) or with a password is refused with that reason; the
document's creation date is a low-confidence stand-in for a missing dateline.
"""
from __future__ import annotations

import io
import logging
import re
import zlib
from datetime import datetime

from pypdf import PdfReader
from pypdf.errors import DeprecationError, PdfReadError, PyPdfError

from . import KnownDate, ReadError, ReadResult

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files: we report those ourselves
_PARAGRAPH_END = re.compile(r"[.!?:\"”’)]\s*$")


def looks_like_pdf(data: bytes, filename: str) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


MAX_PAGES = 5_000
_PAGE_ERRORS = (PdfReadError, PyPdfError, DeprecationError, NotImplementedError, ValueError, KeyError, TypeError,
                AttributeError, RecursionError, zlib.error)


def _declared_pages(reader: PdfReader) -> int:
    """The page count the document's root claims (0 when it does not say); walking the page tree
    to count them costs seconds per 10,000 pages."""
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except _PAGE_ERRORS:  # damaged: the page walk that follows says so in its own words
        return 0


def read_pdf(data: bytes, filename: str) -> ReadResult:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs only restrict printing
            raise ReadError("encrypted PDF: it needs a password")
        count = _declared_pages(reader)  # cheap: a 100,000-page file is refused before its page tree is walked
        count = count if count > MAX_PAGES else len(reader.pages)
    except NotImplementedError as error:  # Adobe.PubSec: encrypted for a certificate, not a password
        raise ReadError(f"encrypted PDF that cannot be opened ({error})") from None
    except _PAGE_ERRORS as error:
        raise ReadError(f"damaged or truncated PDF ({type(error).__name__}: {error})") from None
    if count > MAX_PAGES:
        raise ReadError(f"PDF with {count:,} pages (the limit is {MAX_PAGES:,}): not read")
    pages, failures = _page_texts(reader)
    if not any(page.strip() for page in pages):
        raise ReadError(failures[0] if failures else "PDF without a text layer (a scanned image?); run OCR first")
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        text += reflow(page) + "\n\n"
    created = _created(reader)
    return ReadResult(text, "pdf", None, (created,) if created else (), tuple(starts))


def _page_texts(reader: PdfReader) -> tuple[list[str], list[str]]:
    """Each page's text ("" for a page that cannot be decoded), and why pages failed: one bad
    page (an unknown filter, a damaged stream) costs only itself."""
    pages, failures = [], []
    for number, page in enumerate(reader.pages, 1):
        try:
            pages.append(page.extract_text() or "")
        except _PAGE_ERRORS as error:
            pages.append("")
            failures.append(f"PDF page {number} cannot be decoded ({type(error).__name__}: {error})")
    return pages, failures


def reflow(page: str) -> str:
    """Join the lines of each paragraph: a line break ends a paragraph after a blank line, a short
    line that ends a sentence, or a much shorter line (a title, a dateline); a word hyphenated
    across lines is joined."""
    lines = [line.rstrip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line.strip():
            paragraphs.append(current)
            current = ""
            continue
        joiner = "" if not current else ("" if current.endswith("-") and line[:1].islower() else " ")
        current = (current[:-1] if joiner == "" and current.endswith("-") else current) + joiner + line.strip()
        short = len(line) < 0.8 * width
        if (short and _PARAGRAPH_END.search(line)) or len(line) < 0.6 * width:  # a sentence's end, or a heading
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _created(reader: PdfReader) -> KnownDate | None:
    try:  # bad metadata never costs the text
        info = reader.metadata
        when = getattr(info, "creation_date", None) if info else None
    except _PAGE_ERRORS:
        return None
    if not isinstance(when, datetime):
        return None
    return KnownDate(when, "PDF creation date", 0.3, before_text=False)


