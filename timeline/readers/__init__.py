"""Readers turn a file's bytes into text. One module per format, chosen by sniffing content.

A reader may also give dates it found outside the text (page metadata, an e-mail's Date
header, document properties), page offsets (PDF), and children: files inside an archive or
attached to an e-mail, which the importer reads in turn.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..dateline import KnownDate


class ReadError(Exception):
    """A file that cannot be read; the message says why, for the analyst."""


@dataclass(frozen=True)
class ReadResult:
    text: str
    format: str
    encoding: str | None = None
    dates: tuple[KnownDate, ...] = ()
    page_starts: tuple[int, ...] = ()  # text offset where each page begins (PDF)
    children: tuple[tuple[str, bytes], ...] = ()  # (name, content) of files inside this one
    skipped: tuple[tuple[str, str], ...] = ()  # (name, why) of files inside that could not be taken out
    language: str | None = None  # the language the file declares (<html lang="fr-CA">), a hint
    notes: tuple[str, ...] = ()  # what the analyst should know, for the file's line ("its Date header cannot be read")


Sniffer = Callable[[bytes, str], bool]
Reader = Callable[[bytes, str], ReadResult]


def read_bytes(data: bytes, filename: str) -> ReadResult:
    """Pick the first reader whose sniffer accepts the content (and name) and read it."""
    if not data.strip():
        raise ReadError("empty file")
    for _name, sniff, read in _READERS:
        if sniff(data, filename):
            return read(data, filename)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: password-protected Office files are wrapped in it
        raise ReadError("encrypted Office document, or an old .doc/.xls/.ppt file: save it as .docx without a password")
    raise ReadError(f"unsupported file type ({Path(filename).suffix or 'no extension'}); not text")


def suffix(filename: str) -> str:
    return Path(filename).suffix.lower()


from . import archive, jsondoc, mail, pdf, plaintext, webpage, word, xmldoc  # noqa: E402

# Sniffing order: a DOCX is also a zip, XHTML is also XML, and e-mail, HTML, XML and JSON are also text.
_READERS: list[tuple[str, Sniffer, Reader]] = [
    ("docx", word.looks_like_docx, word.read_docx),
    ("zip", archive.looks_like_zip, archive.read_zip),
    ("pdf", pdf.looks_like_pdf, pdf.read_pdf),
    ("e-mail", mail.looks_like_mail, mail.read_mail),
    ("html", webpage.looks_like_html, webpage.read_html),
    ("xml", xmldoc.looks_like_xml, xmldoc.read_xml),
    ("json", jsondoc.looks_like_json, jsondoc.read_json),
    ("text", plaintext.looks_textual, plaintext.read_text),
]

__all__ = ["KnownDate", "ReadError", "ReadResult", "read_bytes"]
