"""Word documents: paragraphs and table cells in order; the core properties' dates as a
low-confidence stand-in for a missing dateline."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import KnownDate, ReadError, ReadResult
from .archive import check_zip, is_zip


def looks_like_docx(data: bytes, filename: str) -> bool:
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes, filename: str) -> ReadResult:
    check_zip(data)  # a DOCX is a zip: refuse a bomb before XML parsing starts
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise ReadError(f"damaged Word document ({error})") from None
    blocks = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        blocks += [cell.text.strip() for row in table.rows for cell in row.cells if cell.text.strip()]
    if not blocks:
        raise ReadError("Word document without text")
    properties = document.core_properties
    dates = tuple(KnownDate(when, f"Word {name} date", 0.3, before_text=False)
                  for name, when in (("created", properties.created), ("modified", properties.modified)) if when)
    return ReadResult("\n\n".join(blocks) + "\n", "docx", None, dates[:1])


