"""Word documents: paragraphs and table cells in order; the core properties' dates as a
low-confidence stand-in for a missing dateline."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import KnownDate, ReadError, ReadResult
from .archive import UNPACK_ERRORS, check_zip, is_zip, unpack_reason


def looks_like_docx(data: bytes, filename: str) -> bool:
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except UNPACK_ERRORS:  # the zip reader says why
        return False


def read_docx(data: bytes, filename: str) -> ReadResult:
    check_zip(data)  # a DOCX is a zip: refuse a bomb before XML parsing starts
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, etree.XMLSyntaxError) as error:
        raise ReadError(f"damaged Word document ({error})") from None
    except UNPACK_ERRORS as error:  # a part encrypted, compressed by an unknown method, or damaged
        raise ReadError(f"Word document that cannot be unpacked: {unpack_reason(error)}") from None
    blocks = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        blocks += [cell.text.strip() for row in table.rows for cell in row.cells if cell.text.strip()]
    if not blocks:
        raise ReadError("Word document without text")
    properties = document.core_properties
    dates = tuple(KnownDate(when, f"Word {name} date", 0.3, before_text=False)
                  for name, when in (("created", properties.created), ("modified", properties.modified)) if when)
    return ReadResult("\n\n".join(blocks) + "\n", "docx", None, dates[:1])


