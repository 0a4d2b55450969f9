"""Word documents: paragraphs and table cells in order; the core properties' dates as a
low-confidence stand-in for a missing dateline."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import KnownDate, ReadError, ReadResult
from .archive import UNPACK_ERRORS, check_zip, is_zip, size_text, unpack_reason

# python-docx parses the XML parts whole into a tree several times their size: the inflated XML of
# one document is bounded well below the archive budget (a 1,000-page report is about 10 MB).
MAX_XML_BYTES = 32 * 1024 * 1024


def looks_like_docx(data: bytes, filename: str) -> bool:
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except UNPACK_ERRORS:  # the zip reader says why
        return False


def read_docx(data: bytes, filename: str) -> ReadResult:
    _check_xml_budget(check_zip(data))  # a DOCX is a zip: refuse a bomb before XML parsing starts
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




def _check_xml_budget(members: list[zipfile.ZipInfo]) -> None:
    """Refuse a document whose XML inflates past the budget. The directory's sizes are what
    zipfile stops reading at (a member that inflates further fails its checksum), so checking
    them bounds what python-docx will read."""
    xml = [m for m in members if m.filename.endswith((".xml", ".rels"))]
    total = sum(m.file_size for m in xml)
    if total > MAX_XML_BYTES:
        text = sum(m.file_size for m in xml if m.filename == "word/document.xml")
        raise ReadError(f"Word document whose XML inflates to {size_text(total)} (word/document.xml "
                        f"{size_text(text)}; the limit is {size_text(MAX_XML_BYTES)}): not read")
