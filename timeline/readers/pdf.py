"""PDF: the text layer, page by page, reflowed into paragraphs; page offsets kept.

A PDF without a text layer (a scan) or with a password is refused with that reason; the
document's creation date is a low-confidence stand-in for a missing dateline.
"""
from __future__ import annotations

import io
import logging
import re
from datetime import datetime

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from . import KnownDate, ReadError, ReadResult

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files: we report those ourselves
_PARAGRAPH_END = re.compile(r"[.!?:\"”’)]\s*$")


def looks_like_pdf(data: bytes, filename: str) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def read_pdf(data: bytes, filename: str) -> ReadResult:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs only restrict printing
            raise ReadError("encrypted PDF: it needs a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        created = _created(reader)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ReadError(f"damaged or truncated PDF ({type(error).__name__}: {error})") from None
    if not any(page.strip() for page in pages):
        raise ReadError("PDF without a text layer (a scanned image?); run OCR first")
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        text += reflow(page) + "\n\n"
    return ReadResult(text, "pdf", None, (created,) if created else (), tuple(starts))


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
    info = reader.metadata
    when = getattr(info, "creation_date", None) if info else None
    if not isinstance(when, datetime):
        return None
    return KnownDate(when, "PDF creation date", 0.3, before_text=False)


